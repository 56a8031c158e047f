/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "library.h"

#include <dlfcn.h>
#include <string.h>

#include "i18n.h"

/* POSIX gives a function's address as a void pointer, which ISO C does
 * not convert to a function pointer, so its bytes are copied into the
 * pointer at fn. */
static void
library_symbol_set(void *fn, void *p)
{
	_Static_assert(sizeof p == sizeof(void (*)(void)),
		       "a function pointer is as wide as a void pointer");
	memcpy(fn, &p, sizeof p);
}

int
library_open(const struct library *lib, const struct library_symbol *syms,
	     size_t n, struct error *err)
{
	void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	const char *why;

	if (!handle) {
		why = dlerror();
		goto missing;
	}
	for (size_t i = 0; i < n; i++) {
		void *p;

		dlerror();
		if (!(p = dlsym(handle, syms[i].name))) {
			why = dlerror();
			goto missing;
		}
		library_symbol_set(syms[i].fn, p);
	}
	return ERR_OK;
missing:
	for (size_t i = 0; i < n; i++)
		library_symbol_set(syms[i].fn, NULL);
	/* TRANSLATORS: "calendar export needs the library libical.so.3
	 * (Debian package libical3): <why the loader failed>" */
	return error_set(err, ERR_MISSING, NULL,
			 _("%s needs the library %s (Debian package %s): %s"),
			 _(lib->purpose), lib->soname, lib->package,
			 why ? why : _("not found"));
}
