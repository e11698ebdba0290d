/**
 * <b>Not API.</b> zerocopy4j's internal native machinery, shared by the provider modules only: the JDK's protocol for
 * I/O in progress, leases, library loading, I/O vectors, the buffer pool and thread wakeups. The module exports this
 * package to the providers and to no one else; anything here may change or go away in any release, patch releases
 * included. Applications use {@code org.zerocopy4j.ZeroCopy}; providers implement
 * {@code org.zerocopy4j.spi.ZeroCopyProvider}.
 */
package org.zerocopy4j.internal;
