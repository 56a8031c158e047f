/* i18n.h — gettext macros.  English is the source language. */
#ifndef SALKKU_I18N_H
#define SALKKU_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

#endif
