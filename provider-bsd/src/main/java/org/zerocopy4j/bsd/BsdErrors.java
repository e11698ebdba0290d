package org.zerocopy4j.bsd;

import org.zerocopy4j.NativeIOException;

/** FreeBSD / DragonFly errno names and descriptions for the errors a transfer can meet (sys/sys/errno.h). */
final class BsdErrors {
    private BsdErrors() {
    }

    static NativeIOException exception(String call, int errno) {
        return new NativeIOException(call, errno, name(errno), description(errno));
    }

    static String name(int errno) {
        switch (errno) {
            case 4: return "EINTR";
            case 5: return "EIO";
            case 9: return "EBADF";
            case 12: return "ENOMEM";
            case 14: return "EFAULT";
            case 16: return "EBUSY";
            case 18: return "EXDEV";
            case 21: return "EISDIR";
            case 22: return "EINVAL";
            case 27: return "EFBIG";
            case 28: return "ENOSPC";
            case 32: return "EPIPE";
            case 35: return "EAGAIN";
            case 38: return "ENOTSOCK";
            case 45: return "EOPNOTSUPP";
            case 54: return "ECONNRESET";
            case 55: return "ENOBUFS";
            case 57: return "ENOTCONN";
            case 60: return "ETIMEDOUT";
            case 78: return "ENOSYS";
            default: return "errno " + errno;
        }
    }

    private static String description(int errno) {
        switch (errno) {
            case 4: return "Interrupted system call";
            case 5: return "Input/output error";
            case 9: return "Bad file descriptor";
            case 12: return "Cannot allocate memory";
            case 14: return "Bad address";
            case 16: return "Device busy";
            case 18: return "Cross-device link";
            case 21: return "Is a directory";
            case 22: return "Invalid argument";
            case 27: return "File too large";
            case 28: return "No space left on device";
            case 32: return "Broken pipe";
            case 35: return "Resource temporarily unavailable";
            case 38: return "Socket operation on non-socket";
            case 45: return "Operation not supported";
            case 54: return "Connection reset by peer";
            case 55: return "No buffer space available";
            case 57: return "Socket is not connected";
            case 60: return "Operation timed out";
            case 78: return "Function not implemented";
            default: return "unknown error";
        }
    }
}
