/* The program's own option defaults, as DEFAULTS (a string literal) says. */
const char *__tangle_default_options(void);
const char *__tangle_default_options(void) { return DEFAULTS; }
