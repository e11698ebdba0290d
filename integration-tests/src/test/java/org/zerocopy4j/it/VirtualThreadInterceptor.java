package org.zerocopy4j.it;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/** See {@link VirtualThreadsWhenAsked}. Reflection keeps the suite compiling for Java 17. */
public final class VirtualThreadInterceptor implements InvocationInterceptor {
    static final String PROPERTY = "zerocopy4j.test.virtualThreads";

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        run(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        run(invocation);
    }

    private static void run(Invocation<Void> invocation) throws Throwable {
        if (!Boolean.getBoolean(PROPERTY)) {
            invocation.proceed();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable body = () -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure.set(t);
            }
        };
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Thread thread = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, body);
        if (!(Boolean) Thread.class.getMethod("isVirtual").invoke(thread)) {
            throw new AssertionError("test thread is not virtual");
        }
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
