/* SPDX-License-Identifier: EUPL-1.2 */
/* i18n.h — gettext macros.  English is the source language. */
#ifndef SALKKU_I18N_H
#define SALKKU_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
/* A message with a number in it, in the plural form n asks for. */
#define P_(s, p, n) ngettext(s, p, n)
#else
#define _(s) (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
