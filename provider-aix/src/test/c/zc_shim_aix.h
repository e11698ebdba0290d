/*
 * Test-only AIX personality for Linux: what the AIX core needs, declared as AIX documents it, and implemented in
 * shim_aix.c on Linux calls with AIX behaviour. Facts, not code, are taken from:
 *   IBM AIX 7.2/7.3 Technical Reference, Communications, "send_file Subroutine": <sys/socket.h>,
 *     ssize_t send_file(int *Socket_p, struct sf_parms *sf_iobuf, uint_t flags); struct sf_parms as below for
 *     __64BIT__ (SF_INT64 / SF_UINT64 are int64_t / uint64_t there); SF_CLOSE 1, SF_REUSE 2, SF_DONT_CACHE 4,
 *     SF_SYNC_CACHE 8; returns 0 done, 1 more to send (call again), -1 error; file_bytes -1 = to end of file
 *   AIX /usr/include/sys/errno.h (AIX 7.2): the errno numbers below
 */
#ifndef ZC_SHIM_AIX_H
#define ZC_SHIM_AIX_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

typedef unsigned int uint_t;

struct sf_parms {
    /* --------- header parms ---------- */
    void *header_data;
    uint_t header_length;
    /* --------- file parms ------------ */
    int file_descriptor;
    uint64_t file_size;
    uint64_t file_offset;
    int64_t file_bytes;
    /* --------- trailer parms --------- */
    void *trailer_data;
    uint_t trailer_length;
    /* --------- return info ----------- */
    uint64_t bytes_sent;
};

#define SF_CLOSE 0x00000001
#define SF_REUSE 0x00000002
#define SF_DONT_CACHE 0x00000004
#define SF_SYNC_CACHE 0x00000008

ssize_t send_file(int *socket_ptr, struct sf_parms *sf_iobuf, uint_t flags);

#define ZC_OS_EINTR 4
#define ZC_OS_EAGAIN 11
#define ZC_OS_EINVAL 22
#define ZC_OS_EPIPE 32
#define ZC_OS_ENOTSOCK 57
#define ZC_OS_ECONNRESET 73
#define ZC_OS_ENOTCONN 76

/* How much one shim call moves at most before it returns 1: small, so that every transfer needs several calls. */
#define ZC_SHIM_AIX_STEP 65536

#endif
