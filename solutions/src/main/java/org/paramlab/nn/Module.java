package org.paramlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.paramlab.tensor.OrderedDict;
import org.paramlab.tensor.Tensor;

/**
 * The base class of every layer and model, like {@code torch.nn.Module}: it owns named
 * {@link Parameter}s and named child modules, in the order they were registered, and computes
 * {@link #forward(Tensor)}.
 *
 * <p>PyTorch registers a parameter or a child when you assign it to an attribute
 * ({@code self.linear = nn.Linear(4, 8)}). Java has no such hook, so a module registers them
 * explicitly, in its constructor:
 * <pre>{@code
 * class NestMLP extends Module {
 *     final Sequential net = addModule("net", new Sequential(new Linear(4, 64), new ReLU()));
 *     final Linear linear = addModule("linear", new Linear(64, 16));
 *     public Tensor forward(Tensor x) { return linear.forward(net.forward(x)); }
 * }
 * }</pre>
 *
 * <p>Registration ({@link #registerParameter}, {@link #addModule}) is given. The exercises are
 * what PyTorch builds on it: walking the tree of modules to list its parameters with dotted
 * names ({@code 0.block1.2.weight}), the state dict, loading one back, and printing the tree.
 * Keep PyTorch's orders: a module's own parameters before its children's, children in
 * registration order.
 *
 * <p>Beyond the notebook, group 8: <em>buffers</em> ({@link #registerBuffer(String, Tensor, boolean)}),
 * the state a module keeps and saves but does not learn, such as BatchNorm's running mean.
 *
 * <p>One object may be registered at several places: that is how layers share (tie)
 * parameters. PyTorch lists such a module or parameter <em>once</em> when it walks the tree
 * ({@code named_parameters}, {@code named_modules}, {@code children}), under the first name that
 * reaches it, but the state dict has an entry for <em>every</em> path. Compare objects by
 * identity ({@code ==}, {@link IdentityHashMap}), never by value.
 *
 * <p>Java note: import this class by name ({@code import org.paramlab.nn.Module;}). With only
 * {@code import org.paramlab.nn.*;} the name {@code Module} is ambiguous with
 * {@code java.lang.Module}.
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Management</a>
 *
 * <p>Long on purpose: the notebook's Module in one class, as PyTorch has it: registration, parameter access,
 * state_dict, apply and the hooks build on each other, and its javadoc is the students' textbook for all of them.
 */
public abstract class Module {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> modules = new LinkedHashMap<>();

    /** The buffers ({@link #registerBuffer(String, Tensor, boolean)}) in registration order, PyTorch's {@code _buffers}. */
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();

    /** The names of the buffers registered with {@code persistent = false}, PyTorch's {@code _non_persistent_buffers_set}. */
    private final Set<String> nonPersistentBuffers = new HashSet<>();

    /**
     * Computes the module's output, like {@code forward} (PyTorch calls it when you write
     * {@code net(X)}).
     *
     * @param x the input, e.g. a batch of shape {@code [batch, features]}
     * @return the output
     */
    public abstract Tensor forward(Tensor x);

    // ------------------------------------------------------------------------------------------
    // Registration (given)
    // ------------------------------------------------------------------------------------------

    /**
     * Registers {@code parameter} under {@code name}, like assigning {@code self.weight =
     * nn.Parameter(...)} in PyTorch. Registering a name again replaces the parameter in place.
     *
     * @return {@code parameter}, so that a field can be initialized in one line
     * @throws IllegalArgumentException if the name is empty, contains a dot, or names a child or a buffer
     */
    protected final <P extends Parameter> P registerParameter(String name, P parameter) {
        checkName(name, "parameter");
        if (parameter == null) {
            throw new IllegalArgumentException("parameter '" + name + "' must not be null");
        }
        if (modules.containsKey(name)) {
            throw new IllegalArgumentException("cannot register parameter '" + name + "': a child module already has this name");
        }
        if (buffers.containsKey(name)) {
            throw new IllegalArgumentException("cannot register parameter '" + name + "': a buffer already has this name");
        }
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers {@code module} as a child named {@code name}, like {@code add_module(name,
     * module)} (the notebook's {@code block2()} uses it). Registering a name again replaces the
     * child in place, as in PyTorch.
     *
     * @return {@code module}, so that a field can be initialized in one line
     * @throws IllegalArgumentException if the name is empty, contains a dot, or names a parameter or a buffer
     */
    public <M extends Module> M addModule(String name, M module) {
        checkName(name, "module");
        if (module == null) {
            throw new IllegalArgumentException("module '" + name + "' must not be null");
        }
        if (parameters.containsKey(name)) {
            throw new IllegalArgumentException("cannot add module '" + name + "': a parameter already has this name");
        }
        if (buffers.containsKey(name)) {
            throw new IllegalArgumentException("cannot add module '" + name + "': a buffer already has this name");
        }
        modules.put(name, module);
        return module;
    }

    /**
     * This module's own parameters in registration order, not its children's (PyTorch's
     * {@code _parameters}). A read-only view.
     */
    public final Map<String, Parameter> registeredParameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * This module's direct children in registration order, every registration included, also a
     * module registered twice (PyTorch's {@code _modules}). A read-only view.
     */
    public final Map<String, Module> registeredModules() {
        return Collections.unmodifiableMap(modules);
    }

    /**
     * This module's own buffers in registration order, not its children's, the persistent and the
     * non-persistent ones (PyTorch's {@code _buffers}); empty until {@link #registerBuffer(String, Tensor, boolean)}
     * (exercise 8.1) stores them. A read-only view.
     */
    public final Map<String, Tensor> registeredBuffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /**
     * The name this module prints under, like PyTorch's {@code _get_name()}: the class's simple
     * name. A class may say otherwise: a {@code LazyLinear} that has seen its first input prints
     * as {@code Linear}, because PyTorch turns it into one.
     */
    public String typeName() {
        return getClass().getSimpleName();
    }

    /**
     * The text between the parentheses of this module's repr, like {@code extra_repr()}: empty
     * by default; {@link Linear} returns {@code in_features=4, out_features=8, bias=True}.
     */
    public String extraRepr() {
        return "";
    }

    private static void checkName(String name, String kind) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(kind + " name must be a non-empty string");
        }
        if (name.contains(".")) {
            throw new IllegalArgumentException(kind + " name can't contain \".\", got: " + name);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 1.5: printing
    // ------------------------------------------------------------------------------------------

    /**
     * PyTorch's repr of this module and its children, as {@code print(net)} shows it:
     * <pre>
     * Sequential(
     *   (0): Linear(in_features=4, out_features=8, bias=True)
     *   (1): ReLU()
     *   (2): Linear(in_features=8, out_features=1, bias=True)
     * )
     * </pre>
     * The rule ({@code nn.Module.__repr__}): the module's {@link #typeName()}, then {@code (}. If the
     * module has no children and a one-line {@link #extraRepr()}, that line follows directly
     * ({@code Linear(in_features=4, ...)}, {@code ReLU()}). Otherwise each line of the extra repr
     * and then each child, as {@code (name): } followed by the child's repr with its second and
     * later lines indented by two more spaces, go on lines of their own indented by two spaces;
     * the closing {@code )} has a line of its own. Every registration is printed, a shared child
     * too.
     */
    @Override
    public String toString() {
        // BEGIN SOLUTION 1.5 Module.toString
        List<String> extraLines = new ArrayList<>();
        String extra = extraRepr();
        if (!extra.isEmpty()) {
            extraLines.addAll(List.of(extra.split("\n", -1)));
        }
        List<String> childLines = new ArrayList<>();
        for (Map.Entry<String, Module> child : modules.entrySet()) {
            String childRepr = child.getValue().toString().replace("\n", "\n  ");
            childLines.add("(" + child.getKey() + "): " + childRepr);
        }
        StringBuilder sb = new StringBuilder(typeName()).append('(');
        if (extraLines.size() == 1 && childLines.isEmpty()) {
            sb.append(extraLines.get(0));
        } else if (!extraLines.isEmpty() || !childLines.isEmpty()) {
            List<String> lines = new ArrayList<>(extraLines);
            lines.addAll(childLines);
            sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return sb.append(')').toString();
        // END SOLUTION
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 2.1: targeted access
    // ------------------------------------------------------------------------------------------

    /**
     * The submodule at a dotted path, like {@code get_submodule(target)}: {@code ""} is this
     * module, {@code "0.block1"} is child {@code 0}'s child {@code block1}. A module registered at
     * several places is reached by every path: in the tied network, {@code getSubmodule("4")} is the
     * same object as {@code getSubmodule("2")}.
     *
     * @throws IllegalArgumentException naming the module that lacks the next name (by its
     *                                  {@link #typeName()}), in PyTorch's words:
     *                                  {@code Sequential has no attribute `block9`}
     */
    public Module getSubmodule(String target) {
        // BEGIN SOLUTION 2.1 Module.getSubmodule
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        Module module = this;
        if (target.isEmpty()) {
            return module;
        }
        for (String name : target.split("\\.", -1)) {
            Module child = module.modules.get(name);
            if (child == null) {
                throw new IllegalArgumentException(module.typeName() + " has no attribute `" + name + "`");
            }
            module = child;
        }
        return module;
        // END SOLUTION
    }

    /**
     * The parameter at a dotted path, like {@code get_parameter(target)}:
     * {@code rgnet.getParameter("0.block1.0.bias")} is the notebook's {@code rgnet[0][1][0].bias}.
     * A shared parameter is reachable under every path: in the tied network,
     * {@code getParameter("4.weight")} is the same object as {@code getParameter("2.weight")}.
     *
     * @throws IllegalArgumentException naming the module that lacks the name (by its
     *                                  {@link #typeName()}), e.g. {@code Linear has no attribute `baias`}
     */
    public Parameter getParameter(String target) {
        // BEGIN SOLUTION 2.1 Module.getParameter
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        int dot = target.lastIndexOf('.');
        Module owner = getSubmodule(dot < 0 ? "" : target.substring(0, dot));
        String name = target.substring(dot + 1);
        Parameter parameter = owner.parameters.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException(owner.typeName() + " has no attribute `" + name + "`");
        }
        return parameter;
        // END SOLUTION
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 2.2: all parameters at once
    // ------------------------------------------------------------------------------------------

    /**
     * Every parameter of this module and its descendants with its dotted name, like
     * {@code named_parameters()}: for the notebook's {@code net}, {@code 0.weight},
     * {@code 0.bias}, {@code 2.weight}, {@code 2.bias}.
     *
     * <p>Order: walk the modules as {@link #namedModules()} does (this module first, then each
     * child's subtree in registration order) and list each module's own parameters in
     * registration order, named {@code modulePrefix + "." + name} ({@code name} alone for this
     * module's own). A parameter reached twice (a tied layer) is listed once, under the first
     * name.
     *
     * <p>Return an {@link OrderedDict} (a {@code LinkedHashMap} that prints as Python's):
     * then {@code System.out.println(net.namedParameters())} prints
     * {@code OrderedDict([('0.weight', Parameter containing:\ntensor([[...]], requires_grad=True)), ...])},
     * as {@code OrderedDict(net.named_parameters())} does in PyTorch. Any ordered map is graded the
     * same.
     *
     * @return a new ordered map from dotted name to parameter
     */
    public Map<String, Parameter> namedParameters() {
        // BEGIN SOLUTION 2.2 Module.namedParameters
        Map<String, Parameter> named = new OrderedDict<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> entry : namedModules().entrySet()) {
            String prefix = entry.getKey().isEmpty() ? "" : entry.getKey() + ".";
            for (Map.Entry<String, Parameter> p : entry.getValue().parameters.entrySet()) {
                if (seen.add(p.getValue())) {
                    named.put(prefix + p.getKey(), p.getValue());
                }
            }
        }
        return named;
        // END SOLUTION
    }

    /**
     * Every parameter once, in the order of {@link #namedParameters()}, like {@code parameters()}:
     * what an optimizer updates.
     */
    public List<Parameter> parameters() {
        // BEGIN SOLUTION 2.2 Module.parameters
        return new ArrayList<>(namedParameters().values());
        // END SOLUTION
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 2.3: walking the modules
    // ------------------------------------------------------------------------------------------

    /**
     * The direct children with their names, like {@code named_children()}: registration order,
     * a child registered twice listed once under its first name. An {@link OrderedDict} prints
     * as Python's.
     */
    public Map<String, Module> namedChildren() {
        // BEGIN SOLUTION 2.3 Module.namedChildren
        Map<String, Module> named = new OrderedDict<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> child : modules.entrySet()) {
            if (seen.add(child.getValue())) {
                named.put(child.getKey(), child.getValue());
            }
        }
        return named;
        // END SOLUTION
    }

    /** The direct children, each once, like {@code children()}. */
    public List<Module> children() {
        // BEGIN SOLUTION 2.3 Module.children
        return new ArrayList<>(namedChildren().values());
        // END SOLUTION
    }

    /**
     * This module and every descendant with its dotted path, like {@code named_modules()}: this
     * module first under {@code ""}, then, depth first in registration order, each child's
     * subtree ({@code "0"}, {@code "0.block0"}, {@code "0.block0.0"}, ...). A module reached
     * twice is listed once, under its first path. An {@link OrderedDict} prints as Python's.
     */
    public Map<String, Module> namedModules() {
        // BEGIN SOLUTION 2.3 Module.namedModules
        Map<String, Module> named = new OrderedDict<>();
        collectModules("", Collections.newSetFromMap(new IdentityHashMap<>()), named);
        return named;
        // END SOLUTION
    }

    // BEGIN SOLUTION
    private void collectModules(String prefix, Set<Module> seen, Map<String, Module> out) {
        if (!seen.add(this)) {
            return;
        }
        out.put(prefix, this);
        for (Map.Entry<String, Module> child : modules.entrySet()) {
            String path = prefix.isEmpty() ? child.getKey() : prefix + "." + child.getKey();
            child.getValue().collectModules(path, seen, out);
        }
    }
    // END SOLUTION

    // ------------------------------------------------------------------------------------------
    // Exercises 2.4 and 2.5: the state dict
    // ------------------------------------------------------------------------------------------

    /**
     * The module's state as an ordered map from dotted name to values, like
     * {@code state_dict()}: this module's own parameters first, in registration order, then each
     * child's state dict under the prefix {@code childName + "."}, in registration order.
     *
     * <p>Unlike {@link #namedParameters()}, a shared parameter appears under <em>every</em> path
     * that reaches it (the tied network has both {@code 2.weight} and {@code 4.weight}). The
     * values are the parameters' {@link Parameter#data() data()}: tensors that share the
     * parameters' storage and do not require grad, as PyTorch's {@code detach()}-ed entries.
     *
     * <p>PyTorch's {@code state_dict()} is a {@code collections.OrderedDict}. Return an
     * {@link OrderedDict} (a {@code LinkedHashMap} that prints as Python's) and
     * {@code System.out.println(net.get(2).stateDict())} prints exactly what the notebook's
     * {@code print(net[2].state_dict())} prints:
     * {@code OrderedDict([('weight', tensor([[...]])), ('bias', tensor([-0.0291]))])}. Any ordered
     * map is graded the same.
     *
     * <p>Buffers come with group 8 (exercise 8.3, {@link #saveBuffersToStateDict(String, Map)}); the
     * chapter's modules have none.
     *
     * @return a new ordered map
     */
    public Map<String, Tensor> stateDict() {
        // BEGIN SOLUTION 2.4 Module.stateDict
        Map<String, Tensor> state = new OrderedDict<>();
        collectState("", state);
        return state;
        // END SOLUTION
    }

    // BEGIN SOLUTION
    private void collectState(String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            out.put(prefix + p.getKey(), p.getValue().data());
        }
        if (!buffers.isEmpty()) { // only a module with buffers reaches exercise 8.3: no module of the chapter has any
            saveBuffersToStateDict(prefix, out);
        }
        for (Map.Entry<String, Module> child : modules.entrySet()) {
            child.getValue().collectState(prefix + child.getKey() + ".", out);
        }
    }
    // END SOLUTION

    /**
     * Copies the values of {@code stateDict} into this module's parameters, like
     * {@code load_state_dict(state_dict, strict=True)}. The parameters stay the same objects;
     * only their values change (autograd does not record the copy).
     *
     * <p>Strict: the keys must be exactly those of {@link #stateDict()}. Check everything before
     * copying anything, and report every problem at once in one
     * {@link StateDictMismatchException}: the missing keys (in this module's order), the
     * unexpected keys (in the given map's order), and each key whose shape differs, in PyTorch's
     * words ({@code size mismatch for 0.weight: copying a param with shape torch.Size([8, 3])
     * from checkpoint, the shape in current model is torch.Size([8, 4]).}).
     *
     * @throws StateDictMismatchException if the keys or shapes do not fit; nothing is copied then
     */
    public void loadStateDict(Map<String, ? extends Tensor> stateDict) {
        // BEGIN SOLUTION 2.5 Module.loadStateDict
        if (stateDict == null) {
            throw new IllegalArgumentException("stateDict must not be null");
        }
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> sizes = new ArrayList<>();
        for (Map.Entry<String, Tensor> entry : own.entrySet()) {
            Tensor given = stateDict.get(entry.getKey());
            if (given == null) {
                missing.add(entry.getKey());
            } else if (!entry.getValue().size().equals(given.size())) {
                sizes.add("size mismatch for " + entry.getKey() + ": copying a param with shape " + given.size()
                        + " from checkpoint, the shape in current model is " + entry.getValue().size() + ".");
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : stateDict.keySet()) {
            if (!own.containsKey(key)) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !sizes.isEmpty()) {
            throw new StateDictMismatchException(typeName(), missing, unexpected, sizes);
        }
        for (Map.Entry<String, Tensor> entry : own.entrySet()) {
            entry.getValue().copy_(stateDict.get(entry.getKey()));
        }
        // END SOLUTION
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 3.4: applying a function to every module
    // ------------------------------------------------------------------------------------------

    /**
     * Calls {@code fn} on every child's subtree and then on this module, like {@code apply(fn)}:
     * children first (each child applies recursively, in registration order), the module itself
     * last. PyTorch walks {@code children()}, so a child registered twice under this module (the
     * tied layer at positions 2 and 4) is visited once, at its first position. The notebook
     * initializes parameters this way: {@code net.apply(init_normal)}.
     *
     * @return this module, so that calls can be chained
     */
    public Module apply(Consumer<? super Module> fn) {
        // BEGIN SOLUTION 3.4 Module.apply
        if (fn == null) {
            throw new IllegalArgumentException("fn must not be null");
        }
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Module child : modules.values()) {
            if (seen.add(child)) {
                child.apply(fn);
            }
        }
        fn.accept(this);
        return this;
        // END SOLUTION
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 5.2: clearing gradients
    // ------------------------------------------------------------------------------------------

    /**
     * Clears the gradient of every parameter, like {@code zero_grad(set_to_none=True)} (PyTorch
     * 2's default): afterwards each {@link Parameter#grad()} is {@code null}, so that the next
     * {@code backward()} does not add to the previous step's gradients.
     */
    public void zeroGrad() {
        // BEGIN SOLUTION 5.2 Module.zeroGrad
        for (Parameter p : parameters()) {
            p.setGrad(null);
        }
        // END SOLUTION
    }

    // ------------------------------------------------------------------------------------------
    // Group 8, beyond the notebook: buffers
    // ------------------------------------------------------------------------------------------

    /**
     * Registers a persistent buffer, like {@code register_buffer(name, tensor)}: the same as
     * {@link #registerBuffer(String, Tensor, boolean) registerBuffer(name, tensor, true)}.
     *
     * @return {@code tensor}, so that a field can be initialized in one line
     */
    public <T extends Tensor> T registerBuffer(String name, T tensor) {
        // BEGIN SOLUTION 8.1 Module.registerBuffer(name, tensor)
        return registerBuffer(name, tensor, true);
        // END SOLUTION
    }

    /**
     * Registers {@code tensor} as a buffer named {@code name}, like
     * {@code register_buffer(name, tensor, persistent)}: state that the module keeps but does not
     * learn, such as BatchNorm's {@code running_mean}. A buffer is not a {@link Parameter}: it is
     * not in {@link #parameters()} (an optimizer never updates it), it is in {@link #namedBuffers()},
     * and, if {@code persistent}, in the {@link #stateDict()}, so that it is saved and loaded with
     * the parameters. A non-persistent buffer ({@code persistent = false}) is left out of the state
     * dict: state that can be recomputed, such as the last batch's mean. The repr
     * ({@link #toString()}) shows no buffers.
     *
     * <p>Keep the tensor itself (not a copy) in {@code buffers}, the map {@link #registeredBuffers()}
     * shows, and its name in {@code nonPersistentBuffers} when it is not persistent. Registering a
     * name again replaces the buffer in place, keeping its position, and the new {@code persistent}
     * decides, as in PyTorch.
     *
     * <p>The names follow PyTorch's rules, and a bad one is refused with PyTorch's words: an empty
     * name ({@code buffer name can't be empty string ""}), a dotted one
     * ({@code buffer name can't contain "."}), the name of a parameter or a child of this module
     * ({@code attribute 'scale' already exists}).
     *
     * @param name       the buffer's name, e.g. {@code running_mean}
     * @param tensor     the buffer; not copied
     * @param persistent whether {@link #stateDict()} saves it and {@link #loadStateDict(Map)} loads it
     * @return {@code tensor}, so that a field can be initialized in one line
     * @throws IllegalArgumentException if the name is empty, contains a dot, or names a parameter or
     *                                  a child, in PyTorch's words; or if {@code tensor} is {@code null}
     */
    public <T extends Tensor> T registerBuffer(String name, T tensor, boolean persistent) {
        // BEGIN SOLUTION 8.1 Module.registerBuffer(name, tensor, persistent)
        if (name == null) {
            throw new IllegalArgumentException("buffer name should be a string. Got null");
        }
        if (name.contains(".")) {
            throw new IllegalArgumentException("buffer name can't contain \".\"");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("buffer name can't be empty string \"\"");
        }
        if (parameters.containsKey(name) || modules.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists");
        }
        if (tensor == null) {
            throw new IllegalArgumentException("buffer '" + name + "' must not be null");
        }
        buffers.put(name, tensor);
        if (persistent) {
            nonPersistentBuffers.remove(name);
        } else {
            nonPersistentBuffers.add(name);
        }
        return tensor;
        // END SOLUTION
    }

    /**
     * Every buffer of this module and its descendants with its dotted name, like
     * {@code named_buffers()}: the persistent and the non-persistent ones, for BufferNet
     * {@code steps}, {@code norm.running_mean}, {@code norm.batch_mean}, ...
     *
     * <p>Order: as {@link #namedParameters()}, with buffers instead of parameters: walk the modules
     * as {@link #namedModules()} does and list each module's own buffers in registration order,
     * named {@code modulePrefix + "." + name}. A buffer reached twice (a shared module) is listed
     * once, under the first name. The values are the buffers themselves, not copies. An
     * {@link OrderedDict} prints as Python's.
     *
     * @return a new ordered map from dotted name to buffer
     */
    public Map<String, Tensor> namedBuffers() {
        // BEGIN SOLUTION 8.2 Module.namedBuffers
        Map<String, Tensor> named = new OrderedDict<>();
        Set<Tensor> seenBuffers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> module : namedModules().entrySet()) {
            String prefix = module.getKey().isEmpty() ? "" : module.getKey() + ".";
            for (Map.Entry<String, Tensor> b : module.getValue().buffers.entrySet()) {
                if (seenBuffers.add(b.getValue())) {
                    named.put(prefix + b.getKey(), b.getValue());
                }
            }
        }
        return named;
        // END SOLUTION
    }

    /** Every buffer once, in the order of {@link #namedBuffers()}, like {@code buffers()}. */
    public List<Tensor> buffers() {
        // BEGIN SOLUTION 8.2 Module.buffers
        return new ArrayList<>(namedBuffers().values());
        // END SOLUTION
    }

    /**
     * Puts this module's own persistent buffers (not its children's) into a state dict being
     * built, like the buffer half of PyTorch's {@code _save_to_state_dict}: each buffer registered
     * with {@code persistent = true}, in registration order, under {@code prefix + name}, as a
     * tensor that shares the buffer's storage and does not require grad ({@link Tensor#detach()}).
     * A non-persistent buffer is left out.
     *
     * <p>{@link #stateDict()} calls it for every module that has buffers, right after that
     * module's own parameters and before its children: BufferNet's state dict is {@code offset},
     * {@code steps}, {@code linear.weight}, ... although BufferNet registers {@code steps} after its
     * children. Add that call to your {@code stateDict()} (exercise 2.4) when you write this one;
     * {@link #loadStateDict(Map)} then loads the buffers too, if it copies into the entries of
     * {@code stateDict()}. A module without buffers (every module of the chapter) need not call it.
     *
     * @param prefix      the module's path and a dot, e.g. {@code "norm."}; {@code ""} for the root
     * @param destination the state dict being built, in PyTorch's order
     */
    public void saveBuffersToStateDict(String prefix, Map<String, Tensor> destination) {
        // BEGIN SOLUTION 8.3 Module.saveBuffersToStateDict
        for (Map.Entry<String, Tensor> b : buffers.entrySet()) {
            if (!nonPersistentBuffers.contains(b.getKey())) {
                destination.put(prefix + b.getKey(), b.getValue().detach());
            }
        }
        // END SOLUTION
    }
}
