/*
 * The raw C ceiling for the zerocopy4j benchmarks: the same loopback topologies and system-call loops the Java
 * variants use, with nothing in between, so every Java figure can be shown as a ratio to it.
 *
 * Usage: zc-ceiling MODE ARGS...   (prints one line: bytes=.. calls=.. wall_ns=.. cpu_ns=..)
 *   sendfile  FILE                 file -> socket, sendfile of everything left per call
 *   splice    FILE PIPE_BYTES      file -> pipe -> socket
 *   readwrite FILE BUF_BYTES       file -> socket through a user-space buffer
 *   small     FILE COUNT           COUNT sendfile calls of the whole (small) file to one socket
 *   header    FILE COUNT HDR_BYTES COUNT responses: send(MSG_MORE) of a header, then sendfile of the file
 *   copyrange FILE OUT             file -> file with copy_file_range
 *   relay     BYTES PIPE_BYTES     socket -> pipe -> socket, a proxy; a thread feeds it, another drains it
 *   upload    BYTES PIPE_BYTES OUT socket -> pipe -> file
 * cpu_ns is the CPU time of the one thread doing the measured loop, as in the Java harness.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DRAIN_BUF (1 << 20)

static void die(const char *what) {
    fprintf(stderr, "zc-ceiling: %s: %s\n", what, strerror(errno));
    exit(2);
}

static long long now_ns(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A connected loopback pair: *client is connected to *server. */
static void loopback_pair(int *client, int *server) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    if (l < 0) die("socket");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 1) < 0) die("bind/listen");
    if (getsockname(l, (struct sockaddr *)&a, &len) < 0) die("getsockname");
    *client = socket(AF_INET, SOCK_STREAM, 0);
    if (*client < 0 || connect(*client, (struct sockaddr *)&a, sizeof a) < 0) die("connect");
    *server = accept(l, NULL, NULL);
    if (*server < 0) die("accept");
    close(l);
}

struct peer {
    int fd;
    long long bytes;
    pthread_t thread;
};

static void *drain(void *arg) {
    struct peer *p = arg;
    char *buf = malloc(DRAIN_BUF);
    ssize_t n;
    while ((n = read(p->fd, buf, DRAIN_BUF)) > 0) p->bytes += n;
    if (n < 0) die("drain read");
    free(buf);
    return NULL;
}

static void *feed(void *arg) {
    struct peer *p = arg;
    char *buf = malloc(DRAIN_BUF);
    memset(buf, 'z', DRAIN_BUF);
    long long left = p->bytes;
    while (left > 0) {
        ssize_t n = write(p->fd, buf, left < DRAIN_BUF ? left : DRAIN_BUF);
        if (n < 0) die("feed write");
        left -= n;
    }
    shutdown(p->fd, SHUT_WR);
    free(buf);
    return NULL;
}

static void start(struct peer *p, void *(*fn)(void *)) {
    if (pthread_create(&p->thread, NULL, fn, p) != 0) die("pthread_create");
}

static int open_in(const char *path, long long *size) {
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) die(path);
    *size = st.st_size;
    return fd;
}

static int make_pipe(int bytes, int fds[2]) {
    if (pipe(fds) < 0) die("pipe");
    if (fcntl(fds[1], F_SETPIPE_SZ, bytes) < 0) die("F_SETPIPE_SZ");
    return fcntl(fds[1], F_GETPIPE_SZ);
}

/* Moves exactly n bytes from a pipe to out, the second half of every splice loop. */
static long long pipe_out(int pipe_r, int out, long long n, long long *calls) {
    while (n > 0) {
        ssize_t m = splice(pipe_r, NULL, out, NULL, n, SPLICE_F_MOVE | SPLICE_F_MORE);
        if (m <= 0) die("splice from pipe");
        n -= m;
        (*calls)++;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: zc-ceiling sendfile|splice|readwrite|small|header|copyrange|relay|upload ARGS...\n");
        return 1;
    }
    const char *mode = argv[1];
    struct peer sink = {0}, src = {0};
    int out, in = -1;
    long long size = 0, moved = 0, calls = 0;
    long long wall0, cpu0, cpu1;

    if (!strcmp(mode, "relay") || !strcmp(mode, "upload")) {
        int feeder;
        loopback_pair(&feeder, &in);
        src.fd = feeder;
        src.bytes = atoll(argv[2]);
        size = src.bytes;
    } else {
        in = open_in(argv[2], &size);
    }
    if (!strcmp(mode, "upload") || !strcmp(mode, "copyrange")) {
        const char *path = argv[!strcmp(mode, "upload") ? 4 : 3];
        if (argc < (!strcmp(mode, "upload") ? 5 : 4)) die("missing output file");
        out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0) die(path);
    } else {
        loopback_pair(&sink.fd, &out);
        start(&sink, drain);
    }
    if (!strcmp(mode, "small") || !strcmp(mode, "header")) {
        /* Per-response modes: a server sets TCP_NODELAY, and the Java variants do too. */
        int one = 1;
        if (setsockopt(out, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) die("TCP_NODELAY");
    }

    wall0 = now_ns(CLOCK_MONOTONIC);
    if (src.fd) start(&src, feed);
    cpu0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
    if (!strcmp(mode, "sendfile")) {
        off_t off = 0;
        while (off < size) {
            ssize_t n = sendfile(out, in, &off, size - off);
            if (n <= 0) die("sendfile");
            calls++;
        }
        moved = off;
    } else if (!strcmp(mode, "small")) {
        long long count = argc > 3 ? atoll(argv[3]) : 100000;
        for (long long i = 0; i < count; i++) {
            off_t off = 0;
            while (off < size) {
                ssize_t n = sendfile(out, in, &off, size - off);
                if (n <= 0) die("sendfile");
            }
            moved += size;
            calls++;
        }
    } else if (!strcmp(mode, "header")) {
        long long count = argc > 3 ? atoll(argv[3]) : 100000;
        size_t hlen = argc > 4 ? (size_t)atoll(argv[4]) : 200;
        char *hdr = malloc(hlen);
        memset(hdr, 'h', hlen);
        for (long long i = 0; i < count; i++) {
            for (size_t h = 0; h < hlen;) {
                ssize_t n = send(out, hdr + h, hlen - h, MSG_MORE);
                if (n <= 0) die("send");
                h += n;
            }
            off_t off = 0;
            while (off < size) {
                ssize_t n = sendfile(out, in, &off, size - off);
                if (n <= 0) die("sendfile");
            }
            moved += size + hlen;
            calls++;
        }
        free(hdr);
    } else if (!strcmp(mode, "copyrange")) {
        loff_t off_in = 0, off_out = 0;
        while (off_in < size) {
            ssize_t n = copy_file_range(in, &off_in, out, &off_out, size - off_in, 0);
            if (n <= 0) die("copy_file_range");
            calls++;
        }
        moved = off_in;
    } else if (!strcmp(mode, "readwrite")) {
        size_t cap = argc > 3 ? (size_t)atoll(argv[3]) : 65536;
        char *buf = malloc(cap);
        ssize_t n;
        while ((n = read(in, buf, cap)) > 0) {
            for (ssize_t w = 0; w < n;) {
                ssize_t m = write(out, buf + w, n - w);
                if (m < 0) die("write");
                w += m;
                calls++;
            }
            moved += n;
            calls++;
        }
        free(buf);
    } else {
        int p[2];
        int cap = make_pipe(argc > 3 ? atoi(argv[3]) : 1 << 20, p);
        loff_t off = 0;
        int from_file = !strcmp(mode, "splice");
        for (;;) {
            ssize_t n = splice(in, from_file ? &off : NULL, p[1], NULL, cap, SPLICE_F_MOVE | SPLICE_F_MORE);
            if (n < 0) die("splice into pipe");
            calls++;
            if (n == 0) break;
            pipe_out(p[0], out, n, &calls);
            moved += n;
        }
    }
    cpu1 = now_ns(CLOCK_THREAD_CPUTIME_ID);
    if (sink.fd) {
        shutdown(out, SHUT_WR);
        pthread_join(sink.thread, NULL);
        if (sink.bytes != moved) {
            fprintf(stderr, "zc-ceiling: drained %lld of %lld bytes\n", sink.bytes, moved);
            return 3;
        }
    } else {
        close(out);
    }
    if (src.fd) pthread_join(src.thread, NULL);
    long long wall = now_ns(CLOCK_MONOTONIC) - wall0;
    if (moved != size && strcmp(mode, "small") != 0 && strcmp(mode, "header") != 0) {
        fprintf(stderr, "zc-ceiling: moved %lld of %lld bytes\n", moved, size);
        return 3;
    }
    printf("bytes=%lld calls=%lld wall_ns=%lld cpu_ns=%lld\n", moved, calls, wall, cpu1 - cpu0);
    return 0;
}
