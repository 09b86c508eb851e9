package org.paramlab.grading;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.grading.corpus.BuiltTree;
import org.paramlab.grading.corpus.BuiltTree.Part;
import org.paramlab.grading.corpus.Corpus;
import org.paramlab.grading.corpus.CorpusCheck;
import org.paramlab.grading.corpus.CorpusCheck.Probe;
import org.paramlab.grading.corpus.CorpusTree;
import org.paramlab.grading.corpus.CorpusTree.ModuleSpec;
import org.paramlab.grading.corpus.CorpusTree.Named;
import org.paramlab.nn.Initialization;
import org.paramlab.nn.LazyLinear;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.SGD;
import org.paramlab.nn.Sequential;
import org.paramlab.nn.SharedLayerTraining;
import org.paramlab.nn.StateDictMismatchException;
import org.paramlab.nn.TrainingRecord;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * The chapter's API on networks PyTorch drew at random ({@code corpus.onnx}, {@link Corpus}): modules
 * that hold parameters and children at once, modules and parameters shared across positions and across
 * parents, nested containers, names numeric and not, lazy layers, depth 1 to 4. Each test draws its
 * sample of networks from the run's seed, rebuilds each one from the grader's modules and the student's
 * class under test ({@link BuiltTree}), and compares every answer with PyTorch's; each counts in the
 * exercise that teaches the API it calls.
 *
 * <p>Long on purpose: one graded test class per notebook section: its tests are that section's exercises, in the
 * notebook's order, and the report groups them by class; helpers it shares with other sections live in
 * grading.support.
 */
@Order(8)
@DisplayName("Generated networks")
class GeneratedNetworksTest {

    private static final int STRUCTURE = 24;
    private static final int NUMBERS = 14;
    private static final Tolerance FLOAT32 = Tolerance.CPU_FLOAT32;
    private static final String TRAINING = "train works on any network; each step: copy every parameter's values "
            + "(namedParameters names, before the update), zeroGrad, loss = mseLoss(net.forward(X), y) (the mean of the "
            + "squared differences, y as given), backward, copy every gradient, then p.data -= lr * p.grad once per "
            + "parameter; finally copy the values after the last update";

    // --- 1 Modules ------------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_1, points = 0.5)
    @DisplayName("Linear's default initialization at the widths of generated networks, and resetParameters in place")
    void linearInitializationAtGeneratedWidths() {
        CorpusCheck.run(Exercise.E1_1, "new Linear(in, out)", Corpus.get().sample("1.1", NUMBERS, Corpus.any()), (tree, probe) -> {
            JsonNode cases = tree.json().get("linear_init");
            for (var it = cases.fields(); it.hasNext(); ) {
                JsonNode c = it.next().getValue();
                int in = c.get("in").asInt();
                int out = c.get("out").asInt();
                Generator.manualSeed(c.get("seed").asLong());
                String call = "new Linear(" + in + ", " + out + ") after torch.manual_seed(" + c.get("seed").asLong() + ")";
                probe.calling(call, "the weight [out, in] from U(-k, k), k = sqrt(3) * sqrt(2 / 6) / sqrt(in), then the "
                        + "bias [out] from U(-1/sqrt(in), 1/sqrt(in)), drawn from the default generator in that order");
                org.paramlab.nn.Linear layer = new org.paramlab.nn.Linear(in, out);
                Parameter weight = layer.weight();
                Parameter bias = layer.bias();
                probe.calling(call + ".weight", "the weight [out, in] from U(-k, k), k = sqrt(3) * sqrt(2 / 6) / sqrt(in), "
                        + "drawn first");
                probe.close(CorpusTree.tensor(c.get("weight"), new int[] {out, in}), weight, FLOAT32);
                probe.calling(call + ".bias", "the bias [out] from U(-1/sqrt(in), 1/sqrt(in)), drawn after the weight");
                probe.close(CorpusTree.tensor(c.get("bias"), new int[] {out}), bias, FLOAT32);
                Generator.manualSeed(c.get("reset_seed").asLong());
                probe.calling("layer.resetParameters() after torch.manual_seed(" + c.get("reset_seed").asLong()
                        + "), then the weight and bias taken before it", "resetParameters draws into the parameters the "
                        + "layer already has, in place (through data()), so whoever holds them (an optimizer, a tied position) "
                        + "sees the new values");
                layer.resetParameters();
                probe.close(CorpusTree.tensor(c.get("reset_weight"), new int[] {out, in}), weight.data(), FLOAT32);
                probe.close(CorpusTree.tensor(c.get("reset_bias"), new int[] {out}), bias.data(), FLOAT32);
                probe.check(layer.weight() == weight && layer.bias() == bias, "the same weight and bias objects",
                        "new parameter objects");
            }
        });
    }

    @Test
    @Graded(exercise = Exercise.E1_4, points = 0.5)
    @DisplayName("Sequential on generated networks: children 0, 1, ..., size, get from either end at any depth, forward")
    void sequentialOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E1_4, "Sequential", Corpus.get().sample("1.4", STRUCTURE, Corpus.any()), (tree, probe) -> {
            probe.calling("building the network with new Sequential(...)", "the constructor registers its arguments "
                    + "as children named \"0\", \"1\", ...");
            BuiltTree built = BuiltTree.of(tree, Part.SEQUENTIAL);
            for (ModuleSpec spec : tree.modules().values()) {
                if (!spec.kind().equals("sequential")) {
                    continue;
                }
                Sequential sequential = (Sequential) built.module(spec.id());
                String name = path(tree, spec.id());
                probe.calling(name + ".registeredModules()", "new Sequential(a, b, ...) registers its arguments as "
                        + "children named \"0\", \"1\", ..., in order, every position (a module passed twice too), as "
                        + "PyTorch's named_children shows them");
                probe.equal(names(spec.children()), new ArrayList<>(sequential.registeredModules().keySet()));
                probe.calling("len(" + name + ") = " + name + ".size()", "size() counts every registration, a module "
                        + "registered twice counts twice");
                probe.equal(spec.children().size(), sequential.size());
            }
            JsonNode indexing = tree.json().get("indexing");
            for (JsonNode c : indexing.get("cases")) {
                Sequential at = (Sequential) built.module(c.get("at").asText());
                int[] index = CorpusTree.ints(c.get("index"));
                String call = path(tree, c.get("at").asText()) + ".get(" + join(index) + ")";
                probe.calling(call, "get(i, j, ...) is net[i][j]...: positions among the children in registration "
                        + "order, every registration counted, a negative one counted from the end, at every depth").expecting(module(tree, c.get("module").asText()));
                Module got = at.get(index);
                probe.check(got == built.module(c.get("module").asText()), module(tree, c.get("module").asText()),
                        describe(tree, built, got));
            }
            for (JsonNode e : indexing.get("errors")) {
                Sequential at = (Sequential) built.module(e.get("at").asText());
                int[] index = CorpusTree.ints(e.get("index"));
                String call = path(tree, e.get("at").asText()) + ".get(" + join(index) + ")";
                probe.calling(call, "a position out of range is an IndexOutOfBoundsException whose message names the "
                        + "position (PyTorch: " + e.get("message").asText() + ")");
                expectMessage(probe, IndexOutOfBoundsException.class, e.get("message").asText(), () -> at.get(index));
            }
            forwardMatches(tree, built, probe, "net.forward(X)", "Sequential.forward feeds each registered child the "
                    + "previous one's output, in registration order, every registration (a child registered twice runs "
                    + "twice)", false);
        });
    }

    @Test
    @Graded(exercise = Exercise.E1_2, points = 0.5)
    @DisplayName("Linear.forward in generated networks: any widths, batch size 1, zeros and signs, gradients")
    void linearForwardOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E1_2, "Linear.forward", Corpus.get().sample("1.2", NUMBERS, Corpus.any()), (tree, probe) -> {
            probe.calling("building the network with new Linear(in, out)", "the constructor needs in and out features");
            BuiltTree built = BuiltTree.of(tree, Part.LINEAR);
            forwardMatches(tree, built, probe, "net.forward(X) with your Linear layers", "Linear.forward computes "
                    + "x W^T + b for a batch x of shape [batch, in_features], whatever the widths and the batch size, "
                    + "from the parameters themselves (so that autograd reaches them), leaving x unchanged", true);
        });
    }

    @Test
    @Graded(exercise = Exercise.E1_3, points = 0.25)
    @DisplayName("ReLU.forward in generated networks: values and gradients")
    void reluOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E1_3, "ReLU.forward", Corpus.get().sample("1.3", NUMBERS, Corpus.any()), (tree, probe) -> {
            BuiltTree built = BuiltTree.of(tree, Part.RELU);
            forwardMatches(tree, built, probe, "net.forward(X) with your ReLU", "ReLU.forward is max(x, 0) element-wise, "
                    + "as a new tensor connected to x by autograd, to let the gradient flow back where x > 0; it must not "
                    + "change its input",
                    true);
        });
    }

    @Test
    @Graded(exercise = Exercise.E1_5, points = 0.5)
    @DisplayName("print(net) on generated networks: own parameters and children, shared children, lazy layers")
    void printingGeneratedNetworks() {
        CorpusCheck.run(Exercise.E1_5, "Module.toString()", Corpus.get().sample("1.5", STRUCTURE, Corpus.any()), (tree, probe) -> {
            String rule = "PyTorch's repr: the type name, then '(' ; a module without children and with a one-line "
                    + "extra repr prints it inline; otherwise each extra-repr line, then each child as '(name): ' and its "
                    + "repr with later lines indented two more spaces, each on its own line indented by two; ')' on its "
                    + "own line. Every registration prints, a shared child too";
            if (tree.lazy()) {
                BuiltTree before = BuiltTree.before(tree);
                probe.calling("print(net) before the first forward", rule);
                probe.equal(tree.json().get("before").get("repr").asText(), before.root().toString());
            }
            BuiltTree built = BuiltTree.of(tree);
            probe.calling("print(net)", rule);
            probe.equal(tree.json().get("repr").asText(), built.root().toString());
        });
    }

    // --- 2 Parameter access -----------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E2_1, points = 0.5)
    @DisplayName("getSubmodule and getParameter on generated networks: every path, shared ones too, and PyTorch's errors")
    void targetedAccessOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E2_1, "getSubmodule/getParameter", Corpus.get().sample("2.1", STRUCTURE, Corpus.any()), (tree, probe) -> {
            BuiltTree built = BuiltTree.of(tree);
            Module net = built.root();
            for (JsonNode pair : tree.json().get("access").get("modules")) {
                String target = pair.get(0).asText();
                String id = pair.get(1).asText();
                probe.calling("net.getSubmodule(\"" + target + "\")", "getSubmodule follows the registrations name by "
                        + "name and returns the module itself (for \"\" the network itself), the object, not a copy; a "
                        + "module registered at several places is reached by every path").expecting(module(tree, id));
                Module got = net.getSubmodule(target);
                probe.check(got == built.module(id), module(tree, id), describe(tree, built, got));
            }
            for (JsonNode pair : tree.json().get("state_dict")) {
                String key = pair.get(0).asText();
                String id = pair.get(1).asText();
                probe.calling("net.getParameter(\"" + key + "\")", "getParameter returns the parameter registered at "
                        + "that path, the object itself, not a copy (a shared parameter under every path)")
                        .expecting(parameter(tree, id));
                Parameter got = net.getParameter(key);
                probe.check(got == built.parameter(id), parameter(tree, id), describe(tree, built, got));
            }
            for (JsonNode e : tree.json().get("access").get("errors")) {
                String call = e.get("call").asText().equals("get_submodule") ? "getSubmodule" : "getParameter";
                String target = e.get("target").asText();
                probe.calling("net." + call + "(\"" + target + "\")", "a missing name is an IllegalArgumentException "
                        + "that names the module that lacks the name, and the name, in PyTorch's words");
                expectMessage(probe, IllegalArgumentException.class, e.get("message").asText(), () -> {
                    if (call.equals("getSubmodule")) {
                        net.getSubmodule(target);
                    } else {
                        net.getParameter(target);
                    }
                });
            }
        });
    }

    @Test
    @Graded(exercise = Exercise.E2_2, points = 0.5)
    @DisplayName("namedParameters and parameters on generated networks: own before children's, each shared one once")
    void namedParametersOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E2_2, "namedParameters()/parameters()", Corpus.get().sample("2.2", STRUCTURE, Corpus.any()), (tree, probe) -> {
            String rule = "walk the modules as namedModules does (the module, then each child's subtree in "
                    + "registration order), each module's own parameters first, in registration order, under dotted "
                    + "names; a parameter reached again (shared by two positions or by two different modules) is listed "
                    + "once, under its first name";
            BuiltTree built = walkedBeforeTheFirstForward(tree, probe, "net.namedParameters().keySet()", rule,
                    before -> firsts(before.get("named_parameters")), net -> net.namedParameters().keySet());
            List<Named> expected = CorpusTree.named(tree.json().get("named_parameters"));
            probe.calling("net.namedParameters().keySet()", rule);
            Map<String, Parameter> named = built.root().namedParameters();
            probe.equal(names(expected), new ArrayList<>(named.keySet()));
            for (Named n : expected) {
                probe.calling("net.namedParameters().get(\"" + n.name() + "\")", "the value is the parameter registered "
                        + "now, the object itself, not a copy: a new walk on every call (a lazy layer registers new "
                        + "parameters at its first forward)");
                probe.check(named.get(n.name()) == built.parameter(n.id()), parameter(tree, n.id()),
                        describe(tree, built, named.get(n.name())));
            }
            probe.calling("net.parameters()", "every distinct parameter once, in the order of namedParameters(), the "
                    + "objects themselves");
            List<Parameter> parameters = built.root().parameters();
            List<String> ids = CorpusTree.strings(tree.json().get("parameters_order"));
            probe.equal(ids.stream().map(id -> parameter(tree, id)).toList(),
                    parameters.stream().map(p -> describe(tree, built, p)).toList());
        });
    }

    @Test
    @Graded(exercise = Exercise.E2_3, points = 0.5)
    @DisplayName("namedModules, namedChildren and children on generated networks: shared modules once, dotted paths")
    void walksOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E2_3, "namedModules()/namedChildren()/children()", Corpus.get().sample("2.3", STRUCTURE, Corpus.any()), (tree, probe) -> {
            BuiltTree built = BuiltTree.of(tree);
            List<Named> expected = CorpusTree.named(tree.json().get("named_modules"));
            probe.calling("net.namedModules().keySet()", "the module itself (the root) under \"\", then depth first in registration "
                    + "order each child's subtree under dotted paths; a module reached again (registered twice, or under two "
                    + "different parents) is listed once, under its first path");
            Map<String, Module> modules = built.root().namedModules();
            probe.equal(names(expected), new ArrayList<>(modules.keySet()));
            for (Named n : expected) {
                probe.calling("net.namedModules().get(\"" + n.name() + "\")", "the value is the module object itself");
                probe.check(modules.get(n.name()) == built.module(n.id()), module(tree, n.id()),
                        describe(tree, built, modules.get(n.name())));
            }
            JsonNode namedChildren = tree.json().get("named_children");
            for (ModuleSpec spec : tree.modules().values()) {
                String name = path(tree, spec.id());
                List<Named> children = CorpusTree.named(namedChildren.get(spec.id()));
                probe.calling(name + ".namedChildren()", "the direct children in registration order, a child registered "
                        + "twice under this module listed once, under its first name, the objects themselves");
                Map<String, Module> got = built.module(spec.id()).namedChildren();
                probe.equal(children.stream().map(c -> c.name() + "=" + module(tree, c.id())).toList(),
                        got.entrySet().stream().map(c -> c.getKey() + "=" + describe(tree, built, c.getValue())).toList());
                probe.calling(name + ".children()", "the direct children, each once, in the order of namedChildren()");
                probe.equal(CorpusTree.strings(tree.json().get("children").get(spec.id())).stream()
                                .map(id -> module(tree, id)).toList(),
                        built.module(spec.id()).children().stream().map(c -> describe(tree, built, c)).toList());
            }
        });
    }

    @Test
    @Graded(exercise = Exercise.E2_4, points = 0.5)
    @DisplayName("stateDict on generated networks: every path of a shared parameter, the values as views")
    void stateDictOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E2_4, "stateDict()", Corpus.get().sample("2.4", STRUCTURE, Corpus.any()), (tree, probe) -> {
            String rule = "the module's own parameters first, then each child's state dict under the prefix 'name.' "
                    + "(so a key carries the whole path), every registration: a parameter shared by two positions or two "
                    + "modules appears under every path; the values are the parameters' data(), sharing their storage (a "
                    + "lazy layer's placeholder is its own data(): nothing to copy before the first forward)";
            BuiltTree built = walkedBeforeTheFirstForward(tree, probe, "net.stateDict().keySet()", rule,
                    before -> CorpusTree.strings(before.get("state_dict")), net -> net.stateDict().keySet());
            List<Named> expected = CorpusTree.named(tree.json().get("state_dict"));
            probe.calling("net.stateDict().keySet()", rule);
            Map<String, Tensor> state = built.root().stateDict();
            probe.equal(names(expected), new ArrayList<>(state.keySet()));
            for (Named n : expected) {
                Tensor value = state.get(n.name());
                Parameter owner = built.parameter(n.id());
                probe.calling("net.stateDict().get(\"" + n.name() + "\")", "the value is the parameter's data(): its "
                        + "values, sharing its storage, not requiring grad");
                probe.close(tree.values(n.id()), value, Tolerance.EXACT);
                probe.check(!value.requiresGrad(), "requires_grad=False", "requires_grad=True (the parameter itself, not "
                        + "its data())");
                int[] first = new int[value.dim()];
                float old = owner.get(first);
                value.set(old + 1.5f, first);
                boolean shared = owner.get(first) == old + 1.5f;
                owner.data().set(old, first);
                probe.check(shared, "an edit through the entry changes the parameter (a view)",
                        "the parameter did not change (a copy)");
            }
        });
    }

    @Test
    @Graded(exercise = Exercise.E2_5, points = 0.5)
    @DisplayName("loadStateDict on generated networks: PyTorch's errors, nothing copied then; tied entries in order")
    void loadStateDictOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E2_5, "loadStateDict", Corpus.get().sample("2.5", 20, Corpus.any()), (tree, probe) -> {
            for (JsonNode c : tree.json().get("load")) {
                BuiltTree built = BuiltTree.of(tree);
                Map<String, Tensor> dict = stateDict(tree, c);
                String change = describeChange(c);
                if (!c.get("message").isNull()) {
                    String message = c.get("message").asText();
                    probe.calling("net.loadStateDict(" + change + ")", "a state dict that does not fit is refused with "
                            + "one StateDictMismatchException naming every missing key (every path of a shared parameter), "
                            + "every unexpected key and every size mismatch, in PyTorch's words, and nothing is copied");
                    StateDictMismatchException thrown = expectMessage(probe, StateDictMismatchException.class, message,
                            () -> built.root().loadStateDict(dict));
                    for (String line : message.split("\n")) {
                        String want = line.strip();
                        probe.check(thrown.getMessage().contains(want), want, thrown.getMessage());
                    }
                    probe.calling("the parameters after the refused net.loadStateDict(" + change + ")",
                            "check everything before copying anything: a refused load changes nothing");
                    unchanged(tree, built, probe);
                } else {
                    probe.calling("net.loadStateDict(" + change + ")", "every key, every path, is copied in the order of "
                            + "the state dict into the same parameter objects; two paths of one shared parameter are two "
                            + "copies, so the later path's values stay");
                    built.root().loadStateDict(dict);
                    JsonNode after = c.get("after");
                    for (String id : tree.parameterIds()) {
                        probe.calling("parameter " + parameter(tree, id) + " after net.loadStateDict(" + change + ")",
                                "every key, every path, is copied in the order of the state dict into the parameter "
                                        + "objects already registered (keep the parameter objects); for a shared parameter "
                                        + "the later path's values stay");
                        probe.close(CorpusTree.tensor(after.get(id), tree.shape(id)), built.parameter(id).data(),
                                Tolerance.EXACT);
                    }
                    registrationsUnchanged(tree, built, probe);
                }
            }
        });
    }

    // --- 3 Initialization ---------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E3_4, points = 0.5)
    @DisplayName("apply on generated networks: children first, each child of a module once, shared ones per parent")
    void applyOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E3_4, "apply(fn)", Corpus.get().sample("3.4", STRUCTURE, Corpus.any()), (tree, probe) -> {
            BuiltTree built = BuiltTree.of(tree);
            List<Module> visited = new ArrayList<>();
            probe.calling("net.apply(m -> visited.add(m))", "apply calls fn on each child's subtree first (each child "
                    + "once per parent, in registration order, as children() lists them), then on the module itself; a "
                    + "module under two different parents is visited under each");
            Module returned = built.root().apply(visited::add);
            probe.equal(CorpusTree.strings(tree.json().get("apply")).stream().map(id -> module(tree, id)).toList(),
                    visited.stream().map(m -> describe(tree, built, m)).toList());
            probe.calling("net.apply(fn)'s result", "apply must return the module itself, so that calls can be chained");
            probe.check(returned == built.root(), "the network itself", describe(tree, built, returned));
        });
    }

    @Test
    @Graded(exercise = Exercise.E3_5, points = 0.5)
    @DisplayName("The notebook's initializers on generated networks, not only on the notebook's")
    void notebookInitializersOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E3_5, "the notebook's initializers", Corpus.get().sample("3.5", 8, Corpus.having("init")), (tree, probe) -> {
            JsonNode init = tree.json().get("init");
            for (String name : List.of("init_normal", "init_constant", "xavier", "init_42", "my_init")) {
                JsonNode c = init.get(name);
                probe.calling("building the network with new Linear(in, out)", "the constructor needs in and out features");
                BuiltTree built = BuiltTree.of(tree, Part.LINEAR);
                List<String> printed = new ArrayList<>();
                Consumer<Module> fn = switch (name) {
                    case "init_normal" -> Initialization::initNormal;
                    case "init_constant" -> Initialization::initConstant;
                    case "xavier" -> Initialization::xavier;
                    case "init_42" -> Initialization::init42;
                    default -> m -> Initialization.myInit(m, printed::add);
                };
                String java = switch (name) {
                    case "init_normal" -> "initNormal";
                    case "init_constant" -> "initConstant";
                    case "init_42" -> "init42";
                    case "my_init" -> "myInit";
                    default -> name;
                };
                Generator.manualSeed(c.get("seed").asLong());
                probe.calling("Initialization." + java + " on every module, in apply's order (torch.manual_seed("
                        + c.get("seed").asLong() + "); net.apply(" + name + "))", "the notebook's " + name + " changes, in "
                        + "place, the parameters of every nn.Linear of any network, whatever its widths, and leaves every "
                        + "other module alone");
                for (String id : CorpusTree.strings(tree.json().get("apply"))) {
                    fn.accept(built.module(id));
                }
                for (String id : tree.parameterIds()) {
                    Tensor expected = c.get("after").has(id) ? CorpusTree.tensor(c.get("after").get(id), tree.shape(id))
                            : tree.values(id);
                    probe.calling("parameter " + parameter(tree, id) + " after net.apply(" + name + ")", "the notebook's "
                            + name + " on every nn.Linear of any network, whatever its widths, in place on the parameters "
                            + "the layer has; other modules keep their parameters");
                    probe.close(expected, built.parameter(id).data(), FLOAT32);
                }
                if (name.equals("my_init")) {
                    probe.calling("what net.apply(my_init) printed", "my_init prints 'Init', the name and the shape of "
                            + "each Linear's first parameter, once per visit");
                    probe.equal(CorpusTree.strings(c.get("printed")), printed);
                }
            }
            JsonNode edits = tree.json().get("direct_edits");
            BuiltTree built = BuiltTree.of(tree, Part.LINEAR);
            for (String id : CorpusTree.strings(edits.get("layers"))) {
                probe.calling("Initialization.directEdits(" + path(tree, id) + ")", "add 1 to every element of the "
                        + "weight (weight.data[:] += 1), then weight.data[0, 0] = 42, in place, on any Linear, whatever its shape");
                Initialization.directEdits((org.paramlab.nn.Linear) built.module(id));
            }
            for (String id : tree.parameterIds()) {
                Tensor expected = edits.get("after").has(id) ? CorpusTree.tensor(edits.get("after").get(id), tree.shape(id))
                        : tree.values(id);
                probe.calling("parameter " + parameter(tree, id) + " after Initialization.directEdits on every Linear",
                        "directEdits changes, in place, only the weight of the layer it is given: add 1 to every element, then "
                        + "[0, 0] = 42");
                probe.close(expected, built.parameter(id).data(), FLOAT32);
            }
        });
    }

    // --- 4 Lazy initialization --------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E4_1, points = 0.5)
    @DisplayName("LazyLinear in generated networks: placeholders, then PyTorch's draws at the first forward, in order")
    void lazyLayersInGeneratedNetworks() {
        CorpusCheck.run(Exercise.E4_1, "LazyLinear", Corpus.get().sample("4.1", 10, Corpus.having("before")), (tree, probe) -> {
            BuiltTree built = BuiltTree.before(tree, Part.LAZY);
            JsonNode before = tree.json().get("before").get("modules");
            List<ModuleSpec> lazies = tree.modules().values().stream().filter(m -> m.kind().equals("lazy")).toList();
            for (ModuleSpec spec : lazies) {
                LazyLinear layer = (LazyLinear) built.module(spec.id());
                String name = path(tree, spec.id());
                probe.calling(name + ".hasUninitializedParameters() before the first forward", "a LazyLinear holds "
                        + "placeholders until data flows through it");
                probe.equal(true, layer.hasUninitializedParameters());
                probe.calling(name + ".typeName() before the first forward", "it prints as PyTorch's repr does: LazyLinear "
                        + "before the first forward, Linear after it");
                probe.equal(before.get(spec.id()).get("type").asText(), layer.typeName());
            }
            JsonNode threeD = tree.json().get("before").get("in_features_3d");
            for (ModuleSpec spec : lazies) {
                int width = threeD.get(spec.id()).get(0).asInt();
                probe.calling("new LazyLinear(" + spec.out() + ").initializeParameters(an input of shape [2, 3, " + width
                        + "]).inFeatures()", "in_features is the input's last dimension, whatever the number of dimensions");
                LazyLinear fresh = new LazyLinear(spec.out());
                fresh.initializeParameters(Tensor.zeros(2, 3, width));
                probe.equal(threeD.get(spec.id()).get(1).asInt(), fresh.inFeatures());
            }
            JsonNode forward = tree.json().get("forward");
            Generator.manualSeed(forward.get("forward_seed").asLong());
            probe.calling("net.forward(X) (the first forward, torch.manual_seed(" + forward.get("forward_seed").asLong()
                    + ") before it)", "each LazyLinear takes in_features from its input's last dimension and draws its "
                    + "weight and then its bias as Linear does, when data first reaches it, in the order of the forward");
            Tensor y = built.root().forward(input(tree));
            probe.close(CorpusTree.tensor(forward.get("y"), CorpusTree.ints(forward.get("y_shape"))), y, FLOAT32);
            secondCall(tree, built, probe, "net.forward(X)", "a LazyLinear must initialize only once, at its first "
                    + "forward, and computes as Linear at every call after it");
            for (ModuleSpec spec : lazies) {
                LazyLinear layer = (LazyLinear) built.module(spec.id());
                String name = path(tree, spec.id());
                probe.calling(name + " after the first forward", "it prints and behaves as the Linear it became");
                probe.equal(spec.type() + "(" + spec.extra() + ")", layer.typeName() + "(" + layer.extraRepr() + ")");
                for (Named p : spec.parameters()) {
                    probe.calling(name + "." + p.name() + " after the first forward", "drawn at the first forward as "
                            + "Linear draws (weight first, then bias), from the default generator at that moment");
                    probe.close(tree.values(p.id()), layer.registeredParameters().get(p.name()), FLOAT32);
                }
            }
        });
    }

    // --- 5 Tied parameters --------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E5_2, points = 0.5)
    @DisplayName("zeroGrad on generated networks: every parameter, shared ones across parents too")
    void zeroGradOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E5_2, "zeroGrad()", Corpus.get().sample("5.2", 20, Corpus.any()), (tree, probe) -> {
            BuiltTree built = BuiltTree.of(tree);
            backward(tree, built);
            probe.calling("net.zeroGrad() after a backward pass", "zeroGrad clears every parameter's grad: None (null in "
                    + "Java) afterwards, for every parameter of every module, also one shared by two positions or two "
                    + "modules");
            built.root().zeroGrad();
            for (String id : tree.parameterIds()) {
                Tensor grad = built.parameter(id).grad();
                probe.check(grad == null, parameter(tree, id) + ".grad is None", parameter(tree, id) + ".grad is " + grad);
            }
            backward(tree, built);
            JsonNode gradients = tree.json().get("forward").get("gradients");
            for (String id : tree.parameterIds()) {
                probe.calling(parameter(tree, id) + ".grad after net.zeroGrad() and another backward", "after zeroGrad the "
                        + "next backward starts from nothing: one backward's gradient, not two added up");
                probe.close(CorpusTree.tensor(gradients.get(id), tree.shape(id)), built.parameter(id).grad(), FLOAT32);
            }
        });
    }

    @Test
    @Graded(exercise = Exercise.E5_3, points = 0.5)
    @DisplayName("SGD steps on generated networks with shared parameters")
    void sgdOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E5_3, "SGD", Corpus.get().sample("5.3", NUMBERS, Corpus.any()), (tree, probe) -> {
            BuiltTree built = BuiltTree.of(tree);
            JsonNode sgd = tree.json().get("sgd");
            List<Parameter> parameters = CorpusTree.strings(tree.json().get("parameters_order")).stream()
                    .map(built::parameter).toList();
            float lr = (float) sgd.get("lr").asDouble();
            probe.calling("new SGD(net.parameters(), " + lr + ")", "SGD keeps the given parameters");
            SGD optimizer = new SGD(parameters, lr);
            for (int step = 0; step < sgd.get("steps").asInt(); step++) {
                probe.calling("optimizer.zeroGrad()", "every parameter's grad is None afterwards");
                optimizer.zeroGrad();
                for (Parameter p : parameters) {
                    probe.check(p.grad() == null, "grad None", "grad " + p.grad());
                }
                loss(tree, built).backward();
                probe.calling("optimizer.step() (step " + (step + 1) + ")", "p.data -= lr * p.grad for every parameter, "
                        + "once per parameter even when it is shared, in place on data()");
                optimizer.step();
                if (step == 0) {
                    JsonNode grads = sgd.get("grad_after_first_step");
                    for (String id : tree.parameterIds()) {
                        probe.calling(parameter(tree, id) + ".grad after optimizer.step()", "step() changes the "
                                + "parameters' data, never their gradients");
                        probe.close(CorpusTree.tensor(grads.get(id), tree.shape(id)), built.parameter(id).grad(), FLOAT32);
                    }
                }
            }
            JsonNode after = sgd.get("after_last_step");
            for (String id : tree.parameterIds()) {
                probe.calling("parameter " + parameter(tree, id) + " after " + sgd.get("steps").asInt() + " step(s)",
                        "p.data -= lr * p.grad at each step, the same object updated in place, so every place that uses "
                                + "it sees the step");
                probe.close(CorpusTree.tensor(after.get(id), tree.shape(id)), built.parameter(id).data(), FLOAT32);
            }
        });
    }

    // --- 7 Training with a shared layer -----------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E7_1, points = 0.5)
    @DisplayName("train() on generated networks: the record of every step, shared parameters once")
    void trainingOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E7_1, "SharedLayerTraining.train", Corpus.get().sample("7.1", 8, Corpus.having("train")), (tree, probe) -> {
            BuiltTree built = BuiltTree.of(tree);
            JsonNode train = tree.json().get("train");
            JsonNode forward = tree.json().get("forward");
            Tensor y = CorpusTree.tensor(train.get("y"), CorpusTree.ints(forward.get("y_shape")));
            int steps = train.get("steps").asInt();
            float lr = (float) train.get("lr").asDouble();
            probe.calling("SharedLayerTraining.train(net, X, y, " + steps + ", " + lr + ")", TRAINING);
            TrainingRecord record = SharedLayerTraining.train(built.root(), input(tree), y, steps, lr);
            probe.equal(steps, record.steps().size());
            for (int k = 0; k < steps; k++) {
                JsonNode step = train.get("record").get(k);
                TrainingRecord.Step got = record.steps().get(k);
                probe.calling("record.steps().get(" + k + ").loss()", TRAINING);
                probe.check(FLOAT32.accepts(got.loss(), step.get("loss").asDouble()), String.valueOf(step.get("loss").asDouble()),
                        String.valueOf(got.loss()));
                compareRecord(tree, probe, "record.steps().get(" + k + ").parameters()", step.get("parameters"),
                        got.parameters(), TRAINING);
                compareRecord(tree, probe, "record.steps().get(" + k + ").gradients()", step.get("gradients"),
                        got.gradients(), TRAINING);
            }
            compareRecord(tree, probe, "record.finalParameters()", train.get("final"), record.finalParameters(),
                    TRAINING);
        });
    }

    @Test
    @Graded(exercise = Exercise.E7_1, points = 0.5)
    @DisplayName("untiedCopy on generated networks: every position its own layer, the same values")
    void untiedCopyOnGeneratedNetworks() {
        CorpusCheck.run(Exercise.E7_1, "SharedLayerTraining.untiedCopy", Corpus.get().sample("7.1u", 8, Corpus.having("untied")), (tree, probe) -> {
            probe.calling("building the network with new Sequential, Linear, ReLU", "the constructors");
            BuiltTree built = BuiltTree.of(tree, Part.SEQUENTIAL, Part.LINEAR, Part.RELU);
            probe.calling("SharedLayerTraining.untiedCopy(net).namedParameters()", "a new Sequential whose every Linear "
                    + "is a new Linear of the same size holding a copy of that position's values: a layer shared by two "
                    + "positions becomes two layers");
            Sequential copy = SharedLayerTraining.untiedCopy((Sequential) built.root());
            Map<String, Parameter> named = copy.namedParameters();
            List<String> expected = new ArrayList<>();
            Map<String, Tensor> values = new LinkedHashMap<>();
            for (JsonNode entry : tree.json().get("untied").get("named_parameters")) {
                expected.add(entry.get(0).asText());
                values.put(entry.get(0).asText(), CorpusTree.tensor(entry.get(2), CorpusTree.ints(entry.get(1))));
            }
            probe.equal(expected, new ArrayList<>(named.keySet()));
            for (Map.Entry<String, Tensor> e : values.entrySet()) {
                probe.calling("untiedCopy(net).namedParameters().get(\"" + e.getKey() + "\")", "the copy holds that "
                        + "position's values");
                probe.close(e.getValue(), named.get(e.getKey()).data(), Tolerance.EXACT);
                probe.check(!built.parameterIds().containsKey(named.get(e.getKey())), "a new parameter",
                        "the original network's parameter " + describe(tree, built, named.get(e.getKey())));
            }
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /**
     * The network for a walk: a lazy one is built before its first forward and walked once there (the names against
     * PyTorch's {@code before}), then its lazy layers register their real parameters, so that the walk of the test
     * runs again on the same objects; any other network is built after its first forward.
     */
    private static BuiltTree walkedBeforeTheFirstForward(CorpusTree tree, Probe probe, String call, String rule,
                                                         Function<JsonNode, List<String>> before,
                                                         Function<Module, Collection<String>> walk) {
        if (!tree.lazy()) {
            return BuiltTree.of(tree);
        }
        BuiltTree built = BuiltTree.before(tree);
        probe.calling(call + " before the first forward", rule);
        probe.equal(before.apply(tree.json().get("before")), new ArrayList<>(walk.apply(built.root())));
        built.materialize();
        return built;
    }

    private static Tensor input(CorpusTree tree) {
        JsonNode forward = tree.json().get("forward");
        return CorpusTree.tensor(forward.get("x"), CorpusTree.ints(forward.get("x_shape")));
    }

    private static Tensor loss(CorpusTree tree, BuiltTree built) {
        JsonNode forward = tree.json().get("forward");
        int[] shape = CorpusTree.ints(forward.get("y_shape"));
        return built.root().forward(input(tree)).mul(CorpusTree.tensor(forward.get("g"), shape)).sum();
    }

    private static void backward(CorpusTree tree, BuiltTree built) {
        loss(tree, built).backward();
    }

    /** net(X) against PyTorch's, X unchanged, and (with {@code gradients}) the gradients of (net(X) * G).sum(). */
    private static void forwardMatches(CorpusTree tree, BuiltTree built, Probe probe, String call, String rule,
                                       boolean gradients) {
        JsonNode forward = tree.json().get("forward");
        Tensor x = input(tree);
        Tensor original = x.clone();
        probe.calling(call + " for X of shape " + x.shape(), rule);
        Tensor y = built.root().forward(x);
        probe.close(CorpusTree.tensor(forward.get("y"), CorpusTree.ints(forward.get("y_shape"))), y, FLOAT32);
        probe.calling("X after " + call, "forward must not change its input: compute a new tensor");
        probe.close(original, x, Tolerance.EXACT);
        secondCall(tree, built, probe, call, rule);
        if (!gradients) {
            return;
        }
        probe.calling("(" + call + " * G).sum().backward()", rule);
        y.mul(CorpusTree.tensor(forward.get("g"), CorpusTree.ints(forward.get("y_shape")))).sum().backward();
        for (String id : tree.parameterIds()) {
            probe.calling(parameter(tree, id) + ".grad after (" + call + " * G).sum().backward()", rule);
            probe.close(CorpusTree.tensor(forward.get("gradients").get(id), tree.shape(id)), built.parameter(id).grad(),
                    FLOAT32);
        }
    }

    /** The same network called again on another batch: nothing of the first call may be remembered. */
    private static void secondCall(CorpusTree tree, BuiltTree built, Probe probe, String call, String rule) {
        JsonNode forward = tree.json().get("forward");
        Tensor x2 = CorpusTree.tensor(forward.get("x2"), CorpusTree.ints(forward.get("x2_shape")));
        probe.calling(call + " again, for X of shape " + x2.shape() + " (another batch, the same objects)", rule
                + "; a module computes each call from its input, remembering nothing of an earlier one");
        probe.close(CorpusTree.tensor(forward.get("y2"), CorpusTree.ints(forward.get("y2_shape"))),
                built.root().forward(x2), FLOAT32);
    }

    private static void compareRecord(CorpusTree tree, Probe probe, String what, JsonNode expected, Map<String, Tensor> got,
                                      String rule) {
        probe.calling(what + ".keySet()", rule);
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        probe.equal(names, got == null ? null : new ArrayList<>(got.keySet()));
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode pair : tree.json().get("named_parameters")) {
            ids.put(pair.get(0).asText(), pair.get(1).asText());
        }
        for (String name : names) {
            probe.calling(what + ".get(\"" + name + "\")", rule);
            probe.close(CorpusTree.tensor(expected.get(name), tree.shape(ids.get(name))), got.get(name), FLOAT32);
        }
    }

    /** The state dict a load case hands over: PyTorch's own, with the case's keys removed, replaced, added or given new values. */
    private static Map<String, Tensor> stateDict(CorpusTree tree, JsonNode c) {
        Map<String, Tensor> dict = new LinkedHashMap<>();
        for (JsonNode pair : tree.json().get("state_dict")) {
            dict.put(pair.get(0).asText(), tree.values(pair.get(1).asText()));
        }
        JsonNode change = c.get("change");
        change.path("remove").forEach(k -> dict.remove(k.asText()));
        change.path("replace").fields().forEachRemaining(e -> dict.put(e.getKey(), Tensor.zeros(CorpusTree.ints(e.getValue()))));
        change.path("add").fields().forEachRemaining(e -> dict.put(e.getKey(), Tensor.zeros(CorpusTree.ints(e.getValue()))));
        if (c.has("values")) {
            c.get("values").fields().forEachRemaining(e -> dict.put(e.getKey(),
                    CorpusTree.tensor(e.getValue(), dict.get(e.getKey()).shape().toArray())));
        }
        return dict;
    }

    private static String describeChange(JsonNode c) {
        JsonNode change = c.get("change");
        List<String> parts = new ArrayList<>();
        change.path("remove").forEach(k -> parts.add("without " + k.asText()));
        change.path("replace").fields().forEachRemaining(e -> parts.add(e.getKey() + " of shape " + e.getValue()));
        change.path("add").fields().forEachRemaining(e -> parts.add("an extra " + e.getKey()));
        if (c.has("values")) {
            parts.add("new values under every key (the paths of a shared parameter disagree)");
        }
        return "its own state dict " + String.join(", ", parts);
    }

    private static void unchanged(CorpusTree tree, BuiltTree built, Probe probe) {
        for (String id : tree.parameterIds()) {
            probe.close(tree.values(id), built.parameter(id).data(), Tolerance.EXACT);
        }
        registrationsUnchanged(tree, built, probe);
    }

    private static void registrationsUnchanged(CorpusTree tree, BuiltTree built, Probe probe) {
        for (ModuleSpec spec : tree.modules().values()) {
            for (Named p : spec.parameters()) {
                Parameter registered = built.module(spec.id()).registeredParameters().get(p.name());
                probe.check(registered == built.parameter(p.id()), "the same parameter object registered at "
                        + path(tree, spec.id()) + (path(tree, spec.id()).isEmpty() ? "" : ".") + p.name(),
                        "another object (loadStateDict must copy values into the parameters, not replace them)");
            }
        }
    }

    private static <T extends Throwable> T expectMessage(Probe probe, Class<T> type, String fragment, Runnable call) {
        Throwable thrown = null;
        try {
            call.run();
        } catch (org.paramlab.exercise.NotImplementedException e) {
            throw e;
        } catch (RuntimeException e) {
            thrown = e;
        }
        if (thrown == null) {
            throw probe.mismatch(type.getSimpleName() + ": " + fragment, "nothing was thrown");
        }
        if (!type.isInstance(thrown)) {
            throw probe.mismatch(type.getSimpleName() + ": " + fragment, thrown.getClass().getName() + ": "
                    + thrown.getMessage());
        }
        String message = thrown.getMessage();
        if (message == null || !message.contains(fragment)) {
            throw probe.mismatch(type.getSimpleName() + ": " + fragment, type.getSimpleName() + ": " + message);
        }
        return type.cast(thrown);
    }

    /** The first path PyTorch's named_modules gives the module, "net" for the root. */
    private static String path(CorpusTree tree, String moduleId) {
        for (JsonNode pair : tree.json().get("named_modules")) {
            if (pair.get(1).asText().equals(moduleId)) {
                String p = pair.get(0).asText();
                return p.isEmpty() ? "net" : "net.getSubmodule(\"" + p + "\")";
            }
        }
        return moduleId;
    }

    private static String module(CorpusTree tree, String moduleId) {
        for (JsonNode pair : tree.json().get("named_modules")) {
            if (pair.get(1).asText().equals(moduleId)) {
                return "the " + tree.module(moduleId).type() + " at \"" + pair.get(0).asText() + "\"";
            }
        }
        return moduleId;
    }

    private static String parameter(CorpusTree tree, String parameterId) {
        for (JsonNode pair : tree.json().get("state_dict")) {
            if (pair.get(1).asText().equals(parameterId)) {
                return pair.get(0).asText();
            }
        }
        return parameterId;
    }

    private static String describe(CorpusTree tree, BuiltTree built, Object got) {
        if (got == null) {
            return "null";
        }
        if (got instanceof Parameter p && built.parameterIds().containsKey(p)) {
            return parameter(tree, built.parameterIds().get(p));
        }
        if (got instanceof Module m && built.moduleIds().containsKey(m)) {
            return module(tree, built.moduleIds().get(m));
        }
        return "a " + got.getClass().getSimpleName() + " that is not part of the network (a copy?)";
    }

    private static List<String> names(List<Named> named) {
        return named.stream().map(Named::name).toList();
    }

    private static List<String> firsts(JsonNode pairs) {
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(p.get(0).asText()));
        return out;
    }

    private static String join(int[] index) {
        StringBuilder s = new StringBuilder();
        for (int i : index) {
            s.append(s.length() == 0 ? "" : ", ").append(i);
        }
        return s.toString();
    }
}
