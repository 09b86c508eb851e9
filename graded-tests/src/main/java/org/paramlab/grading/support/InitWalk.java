package org.paramlab.grading.support;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

import org.paramlab.nn.Module;

/**
 * The grader's own {@code module.apply(fn)}, walking the given registration maps in PyTorch's
 * order (each distinct child's subtree in registration order, then the module itself), so that
 * the notebook's initializers (exercise 3.5) are graded without depending on the student's
 * {@code Module.apply} (exercise 3.4).
 */
public final class InitWalk {

    private InitWalk() {
    }

    /** Calls {@code fn} on every module of {@code module}'s tree, children first, as PyTorch's {@code apply}. */
    public static void apply(Module module, Consumer<Module> fn) {
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Module child : module.registeredModules().values()) {
            if (seen.add(child)) { // PyTorch's children() lists a module registered twice once
                apply(child, fn);
            }
        }
        fn.accept(module);
    }
}
