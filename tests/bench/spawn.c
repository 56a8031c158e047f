/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * spawn PROGRAM [ARG...] — runs PROGRAM once, its input, output and
 * errors on /dev/null, and prints "MS KB STATUS": the wall time from
 * the spawn to its exit in milliseconds, its peak resident set in KB
 * (wait4's ru_maxrss) and its exit status (128 + the signal if killed;
 * 127 if it could not be run).
 *
 * Why a program of its own: on Linux, a child's ru_maxrss is the
 * largest of its own peak and the resident set of the address space it
 * replaced at exec.  A child spawned from python3 takes the
 * interpreter's 10-15 MB along (posix_spawn's vfork shares it, fork
 * copies it).  Forked from this small program, the address space
 * replaced holds about 0.6 MB (`spawn` of a static program that does
 * nothing prints that, as /usr/bin/time -v does), below any program
 * measured, so the figure is the program's own peak.  fork rather than
 * posix_spawn: its vfork would count the whole of this program's
 * resident set (1.2 MB), a fork's copy only the pages it wrote.
 * Not a test: tests/bench/run builds and uses it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct rusage ru;
	double t0, t1;
	pid_t pid;
	int null, status;

	if (argc < 2) {
		fputs("usage: spawn PROGRAM [ARG...]\n", stderr);
		return 2;
	}
	null = open("/dev/null", O_RDWR);
	if (null < 0) {
		perror("spawn: /dev/null");
		return 2;
	}
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		perror("spawn: fork");
		return 2;
	}
	if (pid == 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("spawn: wait4");
		return 2;
	}
	t1 = now_ms();
	printf("%.1f %ld %d\n", t1 - t0, ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
