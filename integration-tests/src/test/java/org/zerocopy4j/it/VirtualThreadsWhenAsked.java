package org.zerocopy4j.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test body on a virtual thread when the system property {@code zerocopy4j.test.virtualThreads} is true
 * (JDK 21+), because virtual threads change how the JDK drives a blocking socket's descriptor.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(VirtualThreadInterceptor.class)
public @interface VirtualThreadsWhenAsked {
}
