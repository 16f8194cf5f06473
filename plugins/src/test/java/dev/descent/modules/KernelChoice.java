package dev.descent.modules;

import dev.descent.kernel.KernelProvider;

/**
 * Prints the name of the kernels descent picks with {@code descent.kernels=auto}. Run by
 * {@link ModuleDescriptorsTest} from the class path, against the engine module on the module path, so
 * it sees only what the engine exports.
 */
public final class KernelChoice {
    private KernelChoice() {
    }

    public static void main(String[] args) {
        System.out.println(KernelProvider.forName("auto").name());
    }
}
