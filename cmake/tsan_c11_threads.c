/* ThreadSanitizer and C11 threads. glibc's thrd_create, mtx_*, cnd_* and call_once call its
 * pthread code internally, where TSan's interceptors do not see it: TSan then crashes in the
 * threads of a library built on C11 threads (librdkafka is) and knows nothing of its locks.
 * These definitions in our executables come before glibc's and go through the pthread
 * functions TSan intercepts. Linked only into ThreadSanitizer builds
 * (StreamWeaverSanitizers.cmake). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <threads.h>

static int c11_result(int rc) {
  switch (rc) {
    case 0: return thrd_success;
    case ENOMEM: return thrd_nomem;
    case ETIMEDOUT: return thrd_timedout;
    case EBUSY: return thrd_busy;
    default: return thrd_error;
  }
}

struct start {
  thrd_start_t func;
  void* arg;
};

static void* run_start(void* p) {
  struct start s = *(struct start*)p;
  free(p);
  return (void*)(intptr_t)s.func(s.arg);
}

int thrd_create(thrd_t* thread, thrd_start_t func, void* arg) {
  struct start* s = malloc(sizeof *s);
  if (!s) return thrd_nomem;
  s->func = func;
  s->arg = arg;
  int rc = pthread_create(thread, NULL, run_start, s);
  if (rc) free(s);
  return c11_result(rc);
}

int thrd_join(thrd_t thread, int* result) {
  void* value = NULL;
  int rc = pthread_join(thread, &value);
  if (rc == 0 && result) *result = (int)(intptr_t)value;
  return c11_result(rc);
}

int thrd_detach(thrd_t thread) { return c11_result(pthread_detach(thread)); }

int mtx_init(mtx_t* mutex, int type) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  if (type & mtx_recursive) pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  int rc = pthread_mutex_init((pthread_mutex_t*)mutex, &attr);
  pthread_mutexattr_destroy(&attr);
  return c11_result(rc);
}

int mtx_lock(mtx_t* mutex) { return c11_result(pthread_mutex_lock((pthread_mutex_t*)mutex)); }
int mtx_trylock(mtx_t* mutex) { return c11_result(pthread_mutex_trylock((pthread_mutex_t*)mutex)); }
int mtx_timedlock(mtx_t* restrict mutex, const struct timespec* restrict until) {
  return c11_result(pthread_mutex_timedlock((pthread_mutex_t*)mutex, until));
}
int mtx_unlock(mtx_t* mutex) { return c11_result(pthread_mutex_unlock((pthread_mutex_t*)mutex)); }
void mtx_destroy(mtx_t* mutex) { pthread_mutex_destroy((pthread_mutex_t*)mutex); }

int cnd_init(cnd_t* cond) { return c11_result(pthread_cond_init((pthread_cond_t*)cond, NULL)); }
int cnd_signal(cnd_t* cond) { return c11_result(pthread_cond_signal((pthread_cond_t*)cond)); }
int cnd_broadcast(cnd_t* cond) { return c11_result(pthread_cond_broadcast((pthread_cond_t*)cond)); }
int cnd_wait(cnd_t* cond, mtx_t* mutex) {
  return c11_result(pthread_cond_wait((pthread_cond_t*)cond, (pthread_mutex_t*)mutex));
}
int cnd_timedwait(cnd_t* restrict cond, mtx_t* restrict mutex, const struct timespec* restrict until) {
  return c11_result(pthread_cond_timedwait((pthread_cond_t*)cond, (pthread_mutex_t*)mutex, until));
}
void cnd_destroy(cnd_t* cond) { pthread_cond_destroy((pthread_cond_t*)cond); }

void call_once(once_flag* flag, void (*func)(void)) { pthread_once((pthread_once_t*)flag, func); }
