package org.zerocopy4j.solaris;

import org.zerocopy4j.NativeIOException;

/** Solaris / illumos errno names and descriptions for the errors a transfer can meet (sys/errno.h). */
final class SolarisErrors {
    private SolarisErrors() {
    }

    static NativeIOException exception(String call, int errno) {
        return new NativeIOException(call, errno, name(errno), description(errno));
    }

    static String name(int errno) {
        switch (errno) {
            case 4: return "EINTR";
            case 5: return "EIO";
            case 9: return "EBADF";
            case 11: return "EAGAIN";
            case 12: return "ENOMEM";
            case 14: return "EFAULT";
            case 22: return "EINVAL";
            case 27: return "EFBIG";
            case 28: return "ENOSPC";
            case 32: return "EPIPE";
            case 95: return "ENOTSOCK";
            case 122: return "EOPNOTSUPP";
            case 131: return "ECONNRESET";
            case 132: return "ENOBUFS";
            case 134: return "ENOTCONN";
            case 145: return "ETIMEDOUT";
            default: return "errno " + errno;
        }
    }

    private static String description(int errno) {
        switch (errno) {
            case 4: return "Interrupted system call";
            case 5: return "I/O error";
            case 9: return "Bad file number";
            case 11: return "Resource temporarily unavailable";
            case 12: return "Not enough space";
            case 14: return "Bad address";
            case 22: return "Invalid argument";
            case 27: return "File too large";
            case 28: return "No space left on device";
            case 32: return "Broken pipe";
            case 95: return "Socket operation on non-socket";
            case 122: return "Operation not supported on transport endpoint";
            case 131: return "Connection reset by peer";
            case 132: return "No buffer space available";
            case 134: return "Transport endpoint is not connected";
            case 145: return "Connection timed out";
            default: return "unknown error";
        }
    }
}
