/* model_spinlock.h — the interface of Inputs/model_spinlock.c. */
#include <stdatomic.h>
typedef struct {
  const char *name;
  atomic_int word;
} spinlock_t;
#define SPINLOCK_INIT(n) {n, 0}
void spin_lock(spinlock_t *l);
int spin_trylock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
/* Inputs/model_locked_call.c */
void spin_locked_call(spinlock_t *l, void (*fn)(void *), void *arg);
