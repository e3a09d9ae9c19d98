/* chan_fd.c — file descriptors that are channels: pipes, AF_UNIX
 * socketpairs, eventfds and POSIX message queues (an mqd_t is an fd on
 * Linux), and their interceptors.
 *
 * Keys (chan.h): a pipe is one channel, keyed by its inode; a socketpair
 * is two, one per direction, each keyed by the inode of the socket written
 * to (data written to sv[0] is read from sv[1]); an eventfd by a number
 * handed out at creation (every eventfd shares one anonymous inode); a
 * message queue by its inode, so two mq_open of one name meet.
 * fds[fd] says which channel an fd reads (rx) and writes (tx), and the
 * inode fstat gave when it was made.  Every way libc closes an fd is
 * intercepted (close, dup2/dup3 onto it, fclose of an fdopen'ed stream,
 * close_range, closefrom), so an entry goes with its fd and operations
 * trust it without a system call; only before a wait is registered is the
 * inode checked again, so that an fd closed where no interceptor sees it
 * (a raw system call) and reused cannot make a false deadlock report.
 * read/write of any other fd cost one load of fds[fd].kind.
 *
 * Per operation (chan.c does the matching): a write records the thread's
 * clock for its bytes before the real call and commits what the call
 * wrote (short writes, EAGAIN, EINTR: the count it returned); a read
 * acquires the writes of exactly the bytes it got.  A stream socket or a
 * pipe counts bytes, a datagram socket datagrams, a message queue messages
 * per priority (FIFO within a priority, highest first: the receive asks the
 * real call for the priority even if the program does not).  A read at EOF
 * acquires every close of a write end (and shutdown(SHUT_WR)).  An eventfd
 * read acquires every write since the last read.
 *
 * Waits: a read (write) that may block for ever registers
 * TG_WAIT_CHAN_RECV (_SEND) with the watchdog: blocking fd, no
 * MSG_DONTWAIT, nothing to read (no room) for BRIEF_MS, an end able to
 * write (read) it still open in this process, and the channel private to
 * the process: made by pipe/socketpair/eventfd here, and no fork, spawn,
 * system or popen since (a child may hold an end); a message queue only
 * once this process created it (O_CREAT) and unlinked its name.  Timed
 * calls never register.  Such a call is tried without blocking first
 * (RWF_NOWAIT, MSG_DONTWAIT), so one that goes through costs the one
 * system call it would without Tangle (io_watched).
 *
 * fork: the child inherits the fds and the table; chan.c resets its locks
 * and drops the parent's operations in flight (tg_chan_fork_child).
 *
 * Locks: fd_locks[] (striped by fd) guard fds[] entries; taken before, and
 * never while holding, a channel's lock.
 */
#include "chan.h"
#include "intercept.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <mqueue.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define FD_MAX 65536 /* higher fds are never channels */
#define FD_LOCKS 64

typedef struct {
  _Atomic uint8_t kind; /* tg_chan_kind_t + 1; 0: not a channel */
  uptr rx, tx;          /* channel read / written through it (0: none) */
  uint64_t ino;
} fd_ent_t;

static fd_ent_t fds[FD_MAX];
static tg_spin_t fd_locks[FD_LOCKS];
static atomic_ullong eventfd_ids;
static atomic_int atfork_done;

TG_INLINE bool is_chan_fd(int fd) {
  return (unsigned)fd < FD_MAX &&
         TG_UNLIKELY(atomic_load_explicit(&fds[fd].kind, memory_order_relaxed) != 0);
}

static uint64_t inode_of(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 ? (uint64_t)st.st_ino : 0;
}

static void ends(const fd_ent_t *e, int delta) {
  if (e->rx != 0) tg_chan_ends(e->rx, delta, 0);
  if (e->tx != 0) tg_chan_ends(e->tx, 0, delta);
}

/* fds[fd] = e (the old entry, if the fd was reused unseen, released). */
static void fd_put(int fd, tg_chan_kind_t kind, uptr rx, uptr tx, uint64_t ino) {
  if ((unsigned)fd >= FD_MAX) return;
  fd_ent_t old, *e = &fds[fd];
  tg_spin_lock(&fd_locks[fd % FD_LOCKS]);
  old = (fd_ent_t){.kind = atomic_load(&e->kind), .rx = e->rx, .tx = e->tx};
  e->rx = rx;
  e->tx = tx;
  e->ino = ino;
  atomic_store(&e->kind, (uint8_t)(kind + 1));
  tg_spin_unlock(&fd_locks[fd % FD_LOCKS]);
  if (old.kind != 0) ends(&old, -1);
  fd_ent_t now = {.rx = rx, .tx = tx};
  ends(&now, +1);
}

/* Clears fds[fd]; returns what it was (kind 0: nothing). */
static fd_ent_t fd_clear(int fd) {
  fd_ent_t old = {0};
  if ((unsigned)fd >= FD_MAX) return old;
  fd_ent_t *e = &fds[fd];
  tg_spin_lock(&fd_locks[fd % FD_LOCKS]);
  atomic_store(&old.kind, atomic_load(&e->kind));
  old.rx = e->rx;
  old.tx = e->tx;
  old.ino = e->ino;
  atomic_store(&e->kind, 0);
  e->rx = e->tx = 0;
  tg_spin_unlock(&fd_locks[fd % FD_LOCKS]);
  return old;
}

/* A copy of fds[fd]; false if the fd is not a channel. */
static bool fd_get(int fd, fd_ent_t *out) {
  fd_ent_t *e = &fds[fd];
  tg_spin_lock(&fd_locks[fd % FD_LOCKS]);
  atomic_store(&out->kind, atomic_load(&e->kind));
  out->rx = e->rx;
  out->tx = e->tx;
  out->ino = e->ino;
  tg_spin_unlock(&fd_locks[fd % FD_LOCKS]);
  return atomic_load(&out->kind) != 0;
}

/* Whether fd is still the file e was made for (fstat): false, and the
 * entry dropped, when it was closed where no interceptor saw it and the
 * number reused.  Asked only before registering a wait, where a stale
 * entry would make a false deadlock report. */
static bool fd_still(int fd, const fd_ent_t *e) {
  if (inode_of(fd) == e->ino) return true;
  fd_ent_t old = fd_clear(fd);
  if (old.kind != 0 && old.ino == e->ino) ends(&old, -1);
  return false;
}

static void fd_copy(int from, int to) {
  fd_ent_t e;
  if ((unsigned)from >= FD_MAX || !fd_get(from, &e)) return;
  fd_put(to, (tg_chan_kind_t)(atomic_load(&e.kind) - 1), e.rx, e.tx, e.ino);
}

/* ---- processes ------------------------------------------------------ */

static void escape_prepare(void) { tg_chan_escaped(); }

/* fork runs the prepare handler in the parent before the child exists:
 * every channel made before may have an end in the child from then on. */
static void watch_forks(void) {
  if (atomic_exchange(&atfork_done, 1) == 0) pthread_atfork(escape_prepare, NULL, NULL);
}

REAL_SLOT(posix_spawn);
REAL_SLOT(posix_spawnp);
REAL_SLOT(system);
REAL_SLOT(popen);

int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                const posix_spawnattr_t *attr, char *const argv[], char *const envp[]) {
  tg_chan_escaped();
  return REAL(posix_spawn)(pid, path, fa, attr, argv, envp);
}

int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *attr, char *const argv[], char *const envp[]) {
  tg_chan_escaped();
  return REAL(posix_spawnp)(pid, file, fa, attr, argv, envp);
}

int system(const char *cmd) {
  tg_chan_escaped();
  return REAL(system)(cmd);
}

FILE *popen(const char *cmd, const char *mode) {
  tg_chan_escaped();
  return REAL(popen)(cmd, mode);
}

/* ---- making channels ------------------------------------------------ */

REAL_SLOT(pipe);
REAL_SLOT(pipe2);
REAL_SLOT(socketpair);
REAL_SLOT(eventfd);

static void made_pipe(tg_thread_t *t, int p[2]) {
  t->in_rt++;
  watch_forks();
  uint64_t ino = inode_of(p[0]);
  uptr key = TG_CHAN_KEY(TG_CHAN_PIPE, ino);
  tg_chan_destroy(key); /* a pipe that had this inode is gone */
  tg_chan_open(key, TG_CHAN_PIPE, NULL, 0, true);
  fd_put(p[0], TG_CHAN_PIPE, key, 0, ino);
  fd_put(p[1], TG_CHAN_PIPE, 0, key, ino);
  t->in_rt--;
}

int pipe(int p[2]) {
  tg_thread_t *t = enter();
  int rc = REAL(pipe)(p);
  if (t != NULL && rc == 0) {
    int saved = errno;
    made_pipe(t, p);
    errno = saved;
  }
  return rc;
}

int pipe2(int p[2], int flags) {
  tg_thread_t *t = enter();
  int rc = REAL(pipe2)(p, flags);
  if (t != NULL && rc == 0) {
    int saved = errno;
    made_pipe(t, p);
    errno = saved;
  }
  return rc;
}

int socketpair(int domain, int type, int protocol, int sv[2]) {
  tg_thread_t *t = enter();
  int rc = REAL(socketpair)(domain, type, protocol, sv);
  if (t == NULL || rc != 0 || domain != AF_UNIX) return rc;
  int saved = errno;
  int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  tg_chan_kind_t kind = base == SOCK_STREAM ? TG_CHAN_SOCKET : TG_CHAN_DGRAM;
  t->in_rt++;
  watch_forks();
  uint64_t ino0 = inode_of(sv[0]), ino1 = inode_of(sv[1]);
  uptr to0 = TG_CHAN_KEY(kind, ino0), to1 = TG_CHAN_KEY(kind, ino1);
  tg_chan_destroy(to0);
  tg_chan_destroy(to1);
  tg_chan_open(to0, kind, NULL, 0, true);
  tg_chan_open(to1, kind, NULL, 0, true);
  fd_put(sv[0], kind, to1, to0, ino0);
  fd_put(sv[1], kind, to0, to1, ino1);
  t->in_rt--;
  errno = saved;
  return rc;
}

int eventfd(unsigned int initval, int flags) {
  tg_thread_t *t = enter();
  int fd = REAL(eventfd)(initval, flags);
  if (t == NULL || fd < 0) return fd;
  int saved = errno;
  t->in_rt++;
  watch_forks();
  uptr key = TG_CHAN_KEY(TG_CHAN_EVENTFD, atomic_fetch_add(&eventfd_ids, 1) + 1);
  tg_chan_open(key, TG_CHAN_EVENTFD, NULL, 0, true);
  fd_put(fd, TG_CHAN_EVENTFD, key, key, inode_of(fd));
  t->in_rt--;
  errno = saved;
  return fd;
}

/* ---- copies and closes ---------------------------------------------- */

REAL_SLOT(close);
REAL_SLOT(dup);
REAL_SLOT(dup2);
REAL_SLOT(dup3);
REAL_SLOT(shutdown);

/* Before the real close (after it the number may be reused at once): the
 * fd's write side closes (a reader's EOF acquires it), its ends go. */
static void closing(tg_thread_t *t, int fd) {
  t->in_rt++;
  fd_ent_t e = fd_clear(fd);
  if (e.kind != 0) {
    if (e.tx != 0) tg_chan_close(t, e.tx);
    ends(&e, -1);
  }
  t->in_rt--;
}

int close(int fd) {
  if (is_chan_fd(fd)) {
    tg_thread_t *t = enter();
    if (t != NULL) closing(t, fd);
  }
  return REAL(close)(fd);
}

/* stdio closes a stream's fd inside libc, past the close interceptor: an
 * fdopen'ed pipe closes here. */
REAL_SLOT(fclose);
int fclose(FILE *f) {
  int fd = f != NULL ? fileno(f) : -1;
  if (is_chan_fd(fd)) {
    tg_thread_t *t = enter();
    if (t != NULL) closing(t, fd);
  }
  return REAL(fclose)(f);
}

/* Every channel fd in [lo, hi] (close_range, closefrom). */
static void closing_range(unsigned lo, unsigned hi) {
  if (hi >= FD_MAX) hi = FD_MAX - 1;
  tg_thread_t *t = NULL;
  for (unsigned fd = lo; fd <= hi && lo < FD_MAX; fd++) {
    if (!is_chan_fd((int)fd)) continue;
    if (t == NULL && (t = enter()) == NULL) return;
    closing(t, (int)fd);
  }
}

REAL_SLOT(close_range);
REAL_SLOT(closefrom);

/* CLOSE_RANGE_CLOEXEC only marks the fds; they stay open. */
int close_range(unsigned lo, unsigned hi, int flags) {
  if ((flags & CLOSE_RANGE_CLOEXEC) == 0) closing_range(lo, hi);
  return REAL(close_range)(lo, hi, flags);
}

void closefrom(int lo) {
  if (lo >= 0) closing_range((unsigned)lo, ~0u);
  REAL(closefrom)(lo);
}

int dup(int fd) {
  int rc = REAL(dup)(fd);
  if (rc >= 0 && is_chan_fd(fd)) {
    tg_thread_t *t = enter();
    if (t != NULL) {
      int saved = errno;
      t->in_rt++;
      fd_copy(fd, rc);
      t->in_rt--;
      errno = saved;
    }
  }
  return rc;
}

static int dup_to(int fd, int to, int rc) {
  if (rc < 0 || fd == to || !(is_chan_fd(fd) || is_chan_fd(to))) return rc;
  tg_thread_t *t = enter();
  if (t == NULL) return rc;
  int saved = errno;
  t->in_rt++;
  fd_ent_t old = fd_clear(to);
  if (old.kind != 0) ends(&old, -1);
  fd_copy(fd, to);
  t->in_rt--;
  errno = saved;
  return rc;
}

int dup2(int fd, int to) { return dup_to(fd, to, REAL(dup2)(fd, to)); }
int dup3(int fd, int to, int flags) { return dup_to(fd, to, REAL(dup3)(fd, to, flags)); }

int shutdown(int fd, int how) {
  if (is_chan_fd(fd) && (how == SHUT_WR || how == SHUT_RDWR)) {
    tg_thread_t *t = enter();
    fd_ent_t e;
    if (t != NULL) {
      t->in_rt++;
      if (fd_get(fd, &e) && e.tx != 0) tg_chan_close(t, e.tx);
      t->in_rt--;
    }
  }
  return REAL(shutdown)(fd, how);
}

/* ---- reads and writes ----------------------------------------------- */

REAL_SLOT(read);
REAL_SLOT(write);
REAL_SLOT(readv);
REAL_SLOT(writev);
REAL_SLOT(recv);
REAL_SLOT(send);
REAL_SLOT(recvfrom);
REAL_SLOT(sendto);
REAL_SLOT(recvmsg);
REAL_SLOT(sendmsg);

typedef enum {
  IO_READ, IO_WRITE, IO_READV, IO_WRITEV, IO_RECV, IO_SEND, IO_RECVFROM,
  IO_SENDTO, IO_RECVMSG, IO_SENDMSG,
} io_kind_t;

/* One intercepted call: its arguments, whatever the call. */
typedef struct {
  io_kind_t kind;
  const char *call;
  uptr fn;
  int fd, flags;
  void *buf;
  size_t n;
  const struct iovec *iov;
  int iovcnt;
  struct msghdr *msg;
  struct sockaddr *addr;
  socklen_t addrlen, *addrlenp;
} io_t;

static bool io_is_send(const io_t *io) {
  return io->kind == IO_WRITE || io->kind == IO_WRITEV || io->kind == IO_SEND ||
         io->kind == IO_SENDTO || io->kind == IO_SENDMSG;
}

/* The real call; with nowait, one that returns EAGAIN instead of
 * blocking (RWF_NOWAIT, MSG_DONTWAIT), for the kinds io_can_try allows. */
static ssize_t io_real(const io_t *io, bool nowait) {
  int flags = io->flags | (nowait ? MSG_DONTWAIT : 0);
  struct iovec one = {io->buf, io->n};
  switch (io->kind) {
  case IO_READ:
    return nowait ? preadv2(io->fd, &one, 1, -1, RWF_NOWAIT)
                  : REAL(read)(io->fd, io->buf, io->n);
  case IO_WRITE:
    return nowait ? pwritev2(io->fd, &one, 1, -1, RWF_NOWAIT)
                  : REAL(write)(io->fd, io->buf, io->n);
  case IO_READV:
    return nowait ? preadv2(io->fd, io->iov, io->iovcnt, -1, RWF_NOWAIT)
                  : REAL(readv)(io->fd, io->iov, io->iovcnt);
  case IO_WRITEV: return REAL(writev)(io->fd, io->iov, io->iovcnt);
  case IO_RECV: return REAL(recv)(io->fd, io->buf, io->n, flags);
  case IO_SEND: return REAL(send)(io->fd, io->buf, io->n, flags);
  case IO_RECVFROM:
    return REAL(recvfrom)(io->fd, io->buf, io->n, flags, io->addr, io->addrlenp);
  case IO_SENDTO:
    return REAL(sendto)(io->fd, io->buf, io->n, flags, io->addr, io->addrlen);
  case IO_RECVMSG: return REAL(recvmsg)(io->fd, io->msg, flags);
  case IO_SENDMSG: return REAL(sendmsg)(io->fd, io->msg, io->flags);
  }
  return -1;
}

/* Whether the call can be tried without blocking first: any receive, and
 * a send of one buffer (whose rest, after a partial try, is sent by a
 * second call; a vector's rest would need the vector cut). */
static bool io_can_try(const io_t *io) {
  return io->kind != IO_WRITEV && io->kind != IO_SENDMSG;
}

static size_t iov_bytes(const struct iovec *iov, int n) {
  size_t total = 0;
  for (int i = 0; i < n; i++) total += iov[i].iov_len;
  return total;
}

/* The cheap half of "the call may block for ever on channel ch" (see the
 * header comment): deadlock detection on, a call allowed to block, the
 * channel private to the process, someone left in it to end the wait. */
static bool may_wait(const io_t *io, uptr ch, bool send, int kind) {
  if (!tg_dl_on || (io->flags & MSG_DONTWAIT) != 0) return false;
  if (!tg_chan_private(ch)) return false;
  /* Nobody left to send: a read returns 0; nobody to read: EPIPE. */
  return kind == TG_CHAN_EVENTFD || tg_chan_count_ends(ch, !send) > 0;
}

static bool fd_blocking(int fd) {
  int fl = fcntl(fd, F_GETFL);
  return fl >= 0 && (fl & O_NONBLOCK) == 0;
}

typedef struct {
  tg_thread_t *t;
  tg_chan_op_t *op;
  bool send, counter, registered;
  size_t done; /* a send: bytes already written by a try */
} inflight_t;

/* A thread cancelled inside the real call transferred nothing there (POSIX:
 * a call that transferred data returns instead); a send may have written
 * part of its buffer in a try before. */
static void io_cancelled(void *arg) {
  inflight_t *f = arg;
  if (f->registered) tg_wf_end(f->t);
  if (f->counter)
    tg_chan_counter_add_end(f->t, f->op, false);
  else if (f->send)
    tg_chan_send_end(f->t, f->op, f->done);
  else
    tg_chan_recv_end(f->t, f->op, 0, 0);
}

/* The real call, the operation in flight ended if the thread is cancelled
 * in it.  Apart, so that no local of the caller lives across the cleanup's
 * setjmp. */
static ssize_t io_cancellable(const io_t *io, inflight_t *f, bool nowait) {
  ssize_t rc;
  pthread_cleanup_push(io_cancelled, f);
  rc = io_real(io, nowait);
  pthread_cleanup_pop(0);
  return rc;
}

/* The blocking call, with the wait on ch registered around it (at pc) if
 * fd is still the channel's. */
static ssize_t io_wait(io_t *io, inflight_t *f, const fd_ent_t *e, uptr ch, uptr pc) {
  if (fd_still(io->fd, e)) {
    tg_chan_set_wait_fd(ch, io->fd);
    tg_wf_begin(f->t, f->send ? TG_WAIT_CHAN_SEND : TG_WAIT_CHAN_RECV, ch, TG_TID_NONE,
                io->call, pc, io->fn);
    f->registered = true;
  }
  f->t->in_rt--;
  ssize_t rc = io_cancellable(io, f, false);
  int saved = errno;
  f->t->in_rt++;
  if (f->registered) tg_wf_end(f->t);
  f->registered = false;
  errno = saved;
  return rc;
}

/* How long a call that would block waits before it registers its wait:
 * most waits on a pipe end within microseconds, and registering one walks
 * the stack (libunwind).  A deadlock is reported that much later; the
 * watchdog needs two polls of POLL_MS (50 ms) or deadlock_timeout_ms
 * anyway. */
#define BRIEF_MS 10

/* A call that may block for ever: tried without blocking first, so that
 * a call that goes through costs one system call.  One that would block
 * (on a blocking fd: fcntl; a nonblocking one returns EAGAIN as it would
 * have) first waits BRIEF_MS in poll, unregistered, and tries again; only
 * then is the wait registered around the real, blocking call.  A send the
 * try wrote part of goes on with the rest, as the blocking call would
 * have.  Where no try is possible (a vector send; the kernel refuses
 * RWF_NOWAIT for the fd) poll says at once whether to register.
 * Precondition: in_rt raised once. */
static ssize_t io_watched(io_t *io, inflight_t *f, const fd_ent_t *e, uptr ch,
                          bool stream, uptr pc) {
  struct pollfd p = {io->fd, (short)(f->send ? POLLOUT : POLLIN), 0};
  bool waited = false;
  ssize_t rc;
  if (!io_can_try(io)) goto by_poll;
  for (;;) {
    f->t->in_rt--;
    rc = io_cancellable(io, f, true);
    f->t->in_rt++;
    if (rc < 0 && (errno == EOPNOTSUPP || errno == EINVAL) && f->done == 0) goto by_poll;
    bool partial = f->send && stream && rc > 0 && (size_t)rc < io->n;
    if (!(rc < 0 && errno == EAGAIN) && !partial) break;
    int saved = errno;
    if (!waited && !fd_blocking(io->fd)) {
      errno = saved;
      break;
    }
    if (partial) {
      f->done += (size_t)rc;
      io->buf = (char *)io->buf + rc;
      io->n -= (size_t)rc;
    } else if (!waited) {
      waited = true;
      /* The system call itself, here and below: poll() is a cancellation
       * point, and a pending cancel must not act inside the runtime (the
       * thread's operation begun); it acts in the real call instead. */
      if (syscall(SYS_poll, &p, 1, BRIEF_MS) < 0 && errno == EINTR &&
          tg_handler_installed(true)) {
        /* Interrupted: the real call would have restarted only if every
         * handler had SA_RESTART (which signal came is not known; a
         * handler without it makes the call return EINTR, which a program
         * may rely on, say to time out with alarm). */
        errno = EINTR;
        rc = -1;
        break;
      }
    } else {
      rc = io_wait(io, f, e, ch, pc);
      break;
    }
  }
  return f->done > 0 ? (ssize_t)f->done + (rc > 0 ? rc : 0) : rc;
by_poll:
  if (syscall(SYS_poll, &p, 1, 0) == 0 && fd_blocking(io->fd)) return io_wait(io, f, e, ch, pc);
  f->t->in_rt--;
  rc = io_cancellable(io, f, false);
  int saved = errno;
  f->t->in_rt++;
  errno = saved;
  return rc;
}

/* The slow path of every read and write of an fd that is a channel. */
TG_NOINLINE static ssize_t io_slow(io_t *io, uptr pc) {
  tg_thread_t *t = enter();
  fd_ent_t e;
  if (t == NULL) return io_real(io, false);
  t->in_rt++;
  bool send = io_is_send(io);
  bool chan = fd_get(io->fd, &e);
  uptr ch = send ? e.tx : e.rx;
  int kind = atomic_load(&e.kind) - 1;
  if (!chan || ch == 0 || kind == TG_CHAN_MQ || (io->flags & MSG_PEEK) != 0) {
    t->in_rt--;
    return io_real(io, false);
  }
  size_t bytes = io->n;
  if (io->kind == IO_READV || io->kind == IO_WRITEV) bytes = iov_bytes(io->iov, io->iovcnt);
  if (io->kind == IO_RECVMSG || io->kind == IO_SENDMSG)
    bytes = iov_bytes(io->msg->msg_iov, (int)io->msg->msg_iovlen);
  bool dgram = kind == TG_CHAN_DGRAM, counter = kind == TG_CHAN_EVENTFD;
  tg_chan_op_t op = {0};
  inflight_t f = {t, &op, send, counter && send, false, 0};
  if (counter && send)
    tg_chan_counter_add_begin(t, &op, ch);
  else if (send)
    tg_chan_send_begin(t, &op, ch, 0, dgram ? 1 : bytes);
  else if (!counter)
    tg_chan_recv_begin(t, &op, ch, dgram ? 1 : bytes);
  ssize_t rc;
  if (may_wait(io, ch, send, kind)) {
    rc = io_watched(io, &f, &e, ch, !dgram && !counter, pc);
  } else {
    t->in_rt--;
    rc = io_cancellable(io, &f, false);
    int saved = errno;
    t->in_rt++;
    errno = saved;
  }
  int saved = errno;
  if (counter && send) {
    tg_chan_counter_add_end(t, &op, rc > 0);
  } else if (counter) {
    if (rc > 0) tg_chan_counter_take(t, ch);
  } else if (send) {
    tg_chan_send_end(t, &op, rc < 0 ? 0 : dgram ? 1 : rc);
  } else {
    tg_chan_recv_end(t, &op, 0, rc < 0 ? 0 : dgram ? 1 : rc);
    if (rc == 0 && !dgram && bytes > 0) tg_chan_recv_closed(t, ch);
  }
  t->in_rt--;
  errno = saved;
  return rc;
}

#define IO_FN(name) .call = #name, .fn = (uptr)&name

ssize_t read(int fd, void *buf, size_t n) {
  if (!is_chan_fd(fd)) return REAL(read)(fd, buf, n);
  io_t io = {IO_READ, IO_FN(read), .fd = fd, .buf = buf, .n = n};
  return io_slow(&io, CALLER_PC);
}

ssize_t write(int fd, const void *buf, size_t n) {
  if (!is_chan_fd(fd)) return REAL(write)(fd, buf, n);
  io_t io = {IO_WRITE, IO_FN(write), .fd = fd, .buf = (void *)buf, .n = n};
  return io_slow(&io, CALLER_PC);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt) {
  if (!is_chan_fd(fd)) return REAL(readv)(fd, iov, iovcnt);
  io_t io = {IO_READV, IO_FN(readv), .fd = fd, .iov = iov, .iovcnt = iovcnt};
  return io_slow(&io, CALLER_PC);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
  if (!is_chan_fd(fd)) return REAL(writev)(fd, iov, iovcnt);
  io_t io = {IO_WRITEV, IO_FN(writev), .fd = fd, .iov = iov, .iovcnt = iovcnt};
  return io_slow(&io, CALLER_PC);
}

ssize_t recv(int fd, void *buf, size_t n, int flags) {
  if (!is_chan_fd(fd)) return REAL(recv)(fd, buf, n, flags);
  io_t io = {IO_RECV, IO_FN(recv), .fd = fd, .buf = buf, .n = n, .flags = flags};
  return io_slow(&io, CALLER_PC);
}

ssize_t send(int fd, const void *buf, size_t n, int flags) {
  if (!is_chan_fd(fd)) return REAL(send)(fd, buf, n, flags);
  io_t io = {IO_SEND, IO_FN(send), .fd = fd, .buf = (void *)buf, .n = n, .flags = flags};
  return io_slow(&io, CALLER_PC);
}

ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *addr,
                 socklen_t *addrlen) {
  if (!is_chan_fd(fd)) return REAL(recvfrom)(fd, buf, n, flags, addr, addrlen);
  io_t io = {IO_RECVFROM, IO_FN(recvfrom), .fd = fd, .buf = buf, .n = n,
             .flags = flags, .addr = addr, .addrlenp = addrlen};
  return io_slow(&io, CALLER_PC);
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *addr,
               socklen_t addrlen) {
  if (!is_chan_fd(fd)) return REAL(sendto)(fd, buf, n, flags, addr, addrlen);
  io_t io = {IO_SENDTO, IO_FN(sendto), .fd = fd, .buf = (void *)buf, .n = n,
             .flags = flags, .addr = (struct sockaddr *)addr, .addrlen = addrlen};
  return io_slow(&io, CALLER_PC);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags) {
  if (!is_chan_fd(fd)) return REAL(recvmsg)(fd, msg, flags);
  io_t io = {IO_RECVMSG, IO_FN(recvmsg), .fd = fd, .msg = msg, .flags = flags};
  return io_slow(&io, CALLER_PC);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
  if (!is_chan_fd(fd)) return REAL(sendmsg)(fd, msg, flags);
  io_t io = {IO_SENDMSG, IO_FN(sendmsg), .fd = fd, .msg = (struct msghdr *)msg,
             .flags = flags};
  return io_slow(&io, CALLER_PC);
}

/* ---- POSIX message queues ------------------------------------------- */

REAL_SLOT(mq_open);
REAL_SLOT(mq_close);
REAL_SLOT(mq_unlink);
REAL_SLOT(mq_send);
REAL_SLOT(mq_timedsend);
REAL_SLOT(mq_receive);
REAL_SLOT(mq_timedreceive);

mqd_t mq_open(const char *name, int oflag, ...) {
  va_list ap;
  va_start(ap, oflag);
  mode_t mode = (oflag & O_CREAT) ? (mode_t)va_arg(ap, unsigned) : 0;
  struct mq_attr *attr = (oflag & O_CREAT) ? va_arg(ap, struct mq_attr *) : NULL;
  va_end(ap);
  tg_thread_t *t = enter();
  mqd_t q = REAL(mq_open)(name, oflag, mode, attr);
  if (t == NULL || q == (mqd_t)-1) return q;
  int saved = errno;
  t->in_rt++;
  watch_forks();
  struct mq_attr now;
  uint32_t cap = mq_getattr(q, &now) == 0 && now.mq_maxmsg > 0 ? (uint32_t)now.mq_maxmsg : 0;
  uint64_t ino = inode_of(q);
  uptr key = TG_CHAN_KEY(TG_CHAN_MQ, ino);
  tg_chan_open(key, TG_CHAN_MQ, name, cap, (oflag & O_CREAT) != 0);
  fd_put(q, TG_CHAN_MQ, key, key, ino);
  t->in_rt--;
  errno = saved;
  return q;
}

int mq_close(mqd_t q) {
  if (is_chan_fd(q)) {
    tg_thread_t *t = enter();
    if (t != NULL) closing(t, q);
  }
  return REAL(mq_close)(q);
}

int mq_unlink(const char *name) {
  tg_thread_t *t = enter();
  int rc = REAL(mq_unlink)(name);
  if (t != NULL && rc == 0) {
    int saved = errno;
    t->in_rt++;
    tg_chan_mq_unlinked(name);
    t->in_rt--;
    errno = saved;
  }
  return rc;
}

/* Whether an untimed mq_send (mq_receive) on q may block for ever: the
 * queue full (empty) now, q blocking, the queue private (see above). */
static bool mq_may_block(mqd_t q, uptr ch, bool send) {
  struct mq_attr a;
  if (!tg_dl_on || !tg_chan_private(ch) || mq_getattr(q, &a) != 0) return false;
  if (a.mq_flags & O_NONBLOCK) return false;
  return send ? a.mq_curmsgs >= a.mq_maxmsg : a.mq_curmsgs == 0;
}

typedef struct {
  bool send, timed;
  const char *call;
  uptr fn;
  mqd_t q;
  char *buf;
  size_t len;
  unsigned prio;
  const struct timespec *abstime;
} mq_io_t;

static ssize_t mq_real(mq_io_t *io) {
  if (io->send)
    return io->timed ? REAL(mq_timedsend)(io->q, io->buf, io->len, io->prio, io->abstime)
                     : REAL(mq_send)(io->q, io->buf, io->len, io->prio);
  return io->timed ? REAL(mq_timedreceive)(io->q, io->buf, io->len, &io->prio, io->abstime)
                   : REAL(mq_receive)(io->q, io->buf, io->len, &io->prio);
}

static ssize_t mq_cancellable(mq_io_t *io, inflight_t *f) {
  ssize_t rc;
  pthread_cleanup_push(io_cancelled, f);
  rc = mq_real(io);
  pthread_cleanup_pop(0);
  return rc;
}

/* A send is one message of its priority's stream; a receive learns the
 * priority from the real call and consumes one message of that stream. */
TG_NOINLINE static ssize_t mq_slow(mq_io_t *io, uptr pc) {
  tg_thread_t *t = enter();
  fd_ent_t e;
  if (t == NULL) return mq_real(io);
  t->in_rt++;
  if (!fd_get(io->q, &e) || atomic_load(&e.kind) - 1 != TG_CHAN_MQ) {
    t->in_rt--;
    return mq_real(io);
  }
  uptr ch = e.tx;
  tg_chan_op_t op = {0};
  inflight_t f = {t, &op, io->send, false, false, 0};
  if (io->send)
    tg_chan_send_begin(t, &op, ch, io->prio, 1);
  else
    tg_chan_recv_begin(t, &op, ch, 1);
  if (!io->timed && mq_may_block(io->q, ch, io->send) && fd_still(io->q, &e)) {
    tg_wf_begin(t, io->send ? TG_WAIT_CHAN_SEND : TG_WAIT_CHAN_RECV, ch, TG_TID_NONE,
                io->call, pc, io->fn);
    f.registered = true;
  }
  t->in_rt--;
  ssize_t rc = mq_cancellable(io, &f);
  int saved = errno;
  t->in_rt++;
  if (f.registered) tg_wf_end(t);
  if (io->send)
    tg_chan_send_end(t, &op, rc == 0 ? 1 : 0);
  else
    tg_chan_recv_end(t, &op, io->prio, rc >= 0 ? 1 : 0);
  t->in_rt--;
  errno = saved;
  return rc;
}

#define MQ_FN(name) .call = #name, .fn = (uptr)&name

int mq_send(mqd_t q, const char *msg, size_t len, unsigned prio) {
  if (!is_chan_fd(q)) return REAL(mq_send)(q, msg, len, prio);
  mq_io_t io = {true, false, MQ_FN(mq_send), q, (char *)msg, len, prio, NULL};
  return (int)mq_slow(&io, CALLER_PC);
}

int mq_timedsend(mqd_t q, const char *msg, size_t len, unsigned prio,
                 const struct timespec *abstime) {
  if (!is_chan_fd(q)) return REAL(mq_timedsend)(q, msg, len, prio, abstime);
  mq_io_t io = {true, true, MQ_FN(mq_timedsend), q, (char *)msg, len, prio, abstime};
  return (int)mq_slow(&io, CALLER_PC);
}

ssize_t mq_receive(mqd_t q, char *buf, size_t len, unsigned *prio) {
  if (!is_chan_fd(q)) return REAL(mq_receive)(q, buf, len, prio);
  mq_io_t io = {false, false, MQ_FN(mq_receive), q, buf, len, 0, NULL};
  ssize_t rc = mq_slow(&io, CALLER_PC);
  if (rc >= 0 && prio != NULL) *prio = io.prio;
  return rc;
}

ssize_t mq_timedreceive(mqd_t q, char *buf, size_t len, unsigned *prio,
                        const struct timespec *abstime) {
  if (!is_chan_fd(q)) return REAL(mq_timedreceive)(q, buf, len, prio, abstime);
  mq_io_t io = {false, true, MQ_FN(mq_timedreceive), q, buf, len, 0, abstime};
  ssize_t rc = mq_slow(&io, CALLER_PC);
  if (rc >= 0 && prio != NULL) *prio = io.prio;
  return rc;
}

/* In the child of fork: the fd table's locks. */
void tg_chan_fd_fork_child(void) {
  for (int i = 0; i < FD_LOCKS; i++)
    atomic_store_explicit(&fd_locks[i].v, 0, memory_order_relaxed);
}
