package io.chorus.harness.stack;

import io.chorus.harness.stack.engines.EngineVersions;
import io.chorus.harness.stack.engines.Engines;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings the local stack up once per test run (the first test class that asks for it starts it; every other
 * class shares it) and brings it down when the run ends. Test methods and constructors receive the
 * {@link StackDescription} or the {@link LocalStack} as parameters.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackDescription.class || type == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack stack = shared(context).stack;
        return parameter.getParameter().getType() == LocalStack.class ? stack : stack.description();
    }

    private static SharedStack shared(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, k -> SharedStack.start(), SharedStack.class);
    }

    /** The one stack of this test run; the JUnit store closes it when the run ends. */
    static final class SharedStack implements AutoCloseable {
        final LocalStack stack;

        private SharedStack(LocalStack stack) {
            this.stack = stack;
        }

        static SharedStack start() {
            ChorusHome home = ChorusHome.locate();
            Engines engines = new Engines(home.tools(), home.mavenWrapper(), EngineVersions.pinned(), System.out);
            LocalStack stack = LocalStack.create(home, StackShape.DEFAULT, engines, System.out);
            stack.up();
            return new SharedStack(stack);
        }

        @Override
        public void close() {
            stack.down();
        }
    }
}
