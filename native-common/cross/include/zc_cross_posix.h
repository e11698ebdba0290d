/*
 * What the FreeBSD, DragonFly and illumos declarations for the cross build (native-common/cross.mk) share word for
 * word: the layouts and prototypes POSIX and C fix, the socket-level values 4.2BSD gave both, and the errno numbers of
 * Version 7 Unix that BSD and SVR4 both kept (1 to 34, but for 11: EDEADLK on BSD, EAGAIN on SVR4; 8 and 15 no core
 * names). Each OS's zc_cross_os.h includes it after its own types (time_t, size_t, ssize_t, off_t, socklen_t,
 * nfds_t) and declares everything else itself. Every value is in the facts table (facts.c) of each target, which its
 * CrossFactsTest compares with sources generated on the real systems.
 */
#ifndef ZC_CROSS_POSIX_H
#define ZC_CROSS_POSIX_H

/* FreeBSD sys/sys/_timespec.h, illumos sys/time_impl.h */
struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

/* sys/uio.h (FreeBSD sys/sys/_iovec.h) */
struct iovec {
    void *iov_base;
    size_t iov_len;
};
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);

/* sys/socket.h (getsockopt: libc on the BSDs, libsocket.so.1 SUNW_0.7 on illumos) */
#define SOL_SOCKET 0xffff
#define SO_ERROR 0x1007
int getsockopt(int s, int level, int optname, void *optval, socklen_t *optlen);

/* unistd.h */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
off_t lseek(int fd, off_t offset, int whence);
ssize_t pread(int fd, void *buf, size_t nbytes, off_t offset);
int close(int fd);

/* sys/poll.h */
struct pollfd {
    int fd;
    short events;
    short revents;
};
#define POLLIN 0x0001
#define POLLOUT 0x0004
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

/* string.h */
char *strerror(int errnum);
int strcmp(const char *s1, const char *s2);
void *memcpy(void *dst, const void *src, size_t len);
void *memset(void *dst, int c, size_t len);

/* sys/errno.h: Version 7 Unix's numbers */
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define EBADF 9
#define ECHILD 10
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define ETXTBSY 26
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define EPIPE 32
#define EDOM 33
#define ERANGE 34

#endif
