package org.paramlab.grader.broken;

import static org.paramlab.grader.broken.BrokenSubmissions.broken;
import static org.paramlab.grader.broken.BrokenSubmissions.edit;

import java.util.List;

/**
 * Broken submissions of kinds that neither {@link BrokenSubmissions} nor {@link BlindSpotSubmissions}
 * has: each one is right on the notebook's own networks and inputs and wrong on something else the
 * javadoc or PyTorch defines (a module with parameters and children, a module or parameter under two
 * different parents, nested negative positions, ten or more children, tensors of 5 dimensions, a
 * tied parameter loaded with two different values, a second call on the same object, helpers that
 * hard-code the notebook's shapes, and answers hard-coded for the notebook's networks).
 *
 * <p>{@link ContractSurvey} measures how many of them the graded tests catch. The failing tests
 * ({@code fails}) are left empty until tests that check these contracts exist; then the entries move
 * into {@link BrokenSubmissions#all()}.
 *
 * <p>Long on purpose: a catalogue: each entry is a small, independent broken submission with the exercise it must
 * lose points in, and reading them side by side is how a reviewer checks what the grader catches.
 */
final class ContractSubmissions {

    private ContractSubmissions() {
    }

    private static final List<String> NONE_YET = List.of();

    /** Inserted before this helper of Module.java to add a private helper next to it. */
    private static final String BEFORE_HELPER = "    // BEGIN SOLUTION\n    private void collectModules(";

    static List<BrokenSubmission> all() {
        return List.of(
                // --- 1.1 Linear -------------------------------------------------------------------------
                broken("linear-resetParameters-registers-new-parameters", "1.1",
                        "Linear.resetParameters registers new weight and bias Parameters holding the draws instead "
                                + "of drawing into the old ones, so whoever holds the old ones (an optimizer, a tied "
                                + "position) no longer sees the layer's values", "in place", List.of("GeneratedNetworksTest.linearInitializationAtGeneratedWidths"),
                        edit("Linear.java", "        weight.data().uniform_((float) -weightBound, (float) weightBound);\n"
                                        + "        double biasBound = 1 / Math.sqrt(inFeatures);\n"
                                        + "        bias.data().uniform_((float) -biasBound, (float) biasBound);",
                                "        weight = registerParameter(\"weight\", new Parameter(\n"
                                        + "                Tensor.zeros(outFeatures, inFeatures).uniform_((float) -weightBound, (float) weightBound)));\n"
                                        + "        double biasBound = 1 / Math.sqrt(inFeatures);\n"
                                        + "        bias = registerParameter(\"bias\", new Parameter(\n"
                                        + "                Tensor.zeros(outFeatures).uniform_((float) -biasBound, (float) biasBound)));")),
                // --- 1.3 ReLU ---------------------------------------------------------------------------
                broken("relu-multiplies-by-a-mask", "1.3",
                        "ReLU.forward is x * (x > 0), as my_init's mask: -inf gives NaN instead of 0 (and -0.0 "
                                + "for negatives)", "max(x, 0)", List.of("WholeDomainTest.reluOnTheWholeDomain"),
                        edit("ReLU.java", "return x.relu();", "return x.mul(x.gt(0f));")),
                // --- 1.4 Sequential ---------------------------------------------------------------------
                broken("sequential-get-uses-the-roots-size", "1.4",
                        "Sequential.get checks and wraps every position with this Sequential's size(), not the size "
                                + "of the Sequential it is indexing, so get(0, -1) is wrong below the first level",
                        "negative", List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks"),
                        edit("Sequential.java", "            int size = children.size();", "            int size = size();")),
                broken("sequential-names-from-char-digits", "1.4",
                        "Sequential names child i with the character '0' + i: from the eleventh child on the names "
                                + "are ':', ';', ... instead of 10, 11, ...", "named", List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks",
                                "GeneratedNetworksTest.untiedCopyOnGeneratedNetworks"),
                        edit("Sequential.java", "addModule(String.valueOf(i), modules[i]);",
                                "addModule(String.valueOf((char) ('0' + i)), modules[i]);")),
                broken("sequential-get-negative-only-last-and-first", "1.4",
                        "Sequential.get special-cases -1 (the last) and -len (the first), the two negative positions "
                                + "the notebook uses; get(-2) fails", "negative", List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks"),
                        edit("Sequential.java", "module = children.get(index < 0 ? index + size : index);",
                                "module = children.get(index == -1 ? size - 1 : index == -size ? 0 : index);")),
                // --- 1.5 printing -----------------------------------------------------------------------
                broken("toString-drops-extraRepr-with-children", "1.5",
                        "Module.toString prints the extra repr only for a module without children", "extra repr",
                        List.of("GeneratedNetworksTest.printingGeneratedNetworks"),
                        edit("Module.java", "        if (!extra.isEmpty()) {\n            extraLines.addAll(",
                                "        if (!extra.isEmpty() && modules.isEmpty()) {\n            extraLines.addAll(")),
                broken("toString-multiline-extraRepr-inline", "1.5",
                        "Module.toString puts any extra repr of a childless module inside the parentheses, also one "
                                + "of several lines", "extra repr", List.of("GeneratedNetworksTest.printingGeneratedNetworks"),
                        edit("Module.java", "        if (extraLines.size() == 1 && childLines.isEmpty()) {\n"
                                        + "            sb.append(extraLines.get(0));",
                                "        if (!extraLines.isEmpty() && childLines.isEmpty()) {\n"
                                        + "            sb.append(extra);")),
                // --- 2.1 targeted access ------------------------------------------------------------------
                broken("getSubmodule-split-drops-a-trailing-empty-name", "2.1",
                        "getSubmodule splits the path with split(\"\\\\.\"), which drops a trailing empty name: "
                                + "getSubmodule(\"0.\") returns net[0] instead of failing", "has no attribute",
                        List.of("GeneratedNetworksTest.targetedAccessOnGeneratedNetworks"),
                        edit("Module.java", "for (String name : target.split(\"\\\\.\", -1)) {",
                                "for (String name : target.split(\"\\\\.\")) {")),
                // --- 2.2 all parameters -------------------------------------------------------------------
                broken("namedParameters-children-before-own", "2.2",
                        "namedParameters lists a module's children's parameters before its own (post-order)",
                        "own parameters", List.of("GeneratedNetworksTest.namedParametersOnGeneratedNetworks",
                                "GeneratedNetworksTest.trainingOnGeneratedNetworks"),
                        edit("Module.java", "        for (Map.Entry<String, Module> entry : namedModules().entrySet()) {\n"
                                        + "            String prefix = entry.getKey().isEmpty() ? \"\" : entry.getKey() + \".\";\n"
                                        + "            for (Map.Entry<String, Parameter> p : entry.getValue().parameters.entrySet()) {\n"
                                        + "                if (seen.add(p.getValue())) {\n"
                                        + "                    named.put(prefix + p.getKey(), p.getValue());\n"
                                        + "                }\n"
                                        + "            }\n"
                                        + "        }\n",
                                "        collectParametersChildrenFirst(\"\", seen, "
                                        + "Collections.newSetFromMap(new IdentityHashMap<>()), named);\n"),
                        edit("Module.java", BEFORE_HELPER,
                                "    private void collectParametersChildrenFirst(String prefix, Set<Parameter> seen, "
                                        + "Set<Module> visited,\n"
                                        + "                                                Map<String, Parameter> out) {\n"
                                        + "        if (!visited.add(this)) {\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        for (Map.Entry<String, Module> child : modules.entrySet()) {\n"
                                        + "            child.getValue().collectParametersChildrenFirst(prefix + child.getKey() + \".\", "
                                        + "seen, visited, out);\n"
                                        + "        }\n"
                                        + "        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {\n"
                                        + "            if (seen.add(p.getValue())) {\n"
                                        + "                out.put(prefix + p.getKey(), p.getValue());\n"
                                        + "            }\n"
                                        + "        }\n"
                                        + "    }\n\n"
                                        + BEFORE_HELPER)),
                broken("namedParameters-dedups-modules-not-parameters", "2.2",
                        "namedParameters relies on namedModules to list each module once and does not check the "
                                + "parameters: one Parameter registered in two modules is listed twice", "once",
                        List.of("GeneratedNetworksTest.namedParametersOnGeneratedNetworks",
                                "GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "InvariantsTest.parametersListEachParameterOnce"),
                        edit("Module.java", "                if (seen.add(p.getValue())) {\n"
                                        + "                    named.put(prefix + p.getKey(), p.getValue());\n"
                                        + "                }\n",
                                "                named.put(prefix + p.getKey(), p.getValue());\n")),
                broken("namedParameters-special-cases-the-tied-net", "2.2",
                        "namedParameters lists every path, then drops the paths under child 4 when it is child 2, "
                                + "as in the notebook's tied network; a layer shared elsewhere is listed twice", "once",
                        List.of("GeneratedNetworksTest.namedParametersOnGeneratedNetworks",
                                "GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "InvariantsTest.parametersListEachParameterOnce"),
                        edit("Module.java", "        for (Map.Entry<String, Module> entry : namedModules().entrySet()) {\n"
                                        + "            String prefix = entry.getKey().isEmpty() ? \"\" : entry.getKey() + \".\";\n"
                                        + "            for (Map.Entry<String, Parameter> p : entry.getValue().parameters.entrySet()) {\n"
                                        + "                if (seen.add(p.getValue())) {\n"
                                        + "                    named.put(prefix + p.getKey(), p.getValue());\n"
                                        + "                }\n"
                                        + "            }\n"
                                        + "        }\n",
                                "        collectEveryParameterPath(\"\", named);\n"
                                        + "        // the tied network: positions 2 and 4 are one layer\n"
                                        + "        if (modules.containsKey(\"2\") && modules.get(\"4\") == modules.get(\"2\")) {\n"
                                        + "            named.keySet().removeIf(name -> name.startsWith(\"4.\"));\n"
                                        + "        }\n"),
                        edit("Module.java", BEFORE_HELPER,
                                "    private void collectEveryParameterPath(String prefix, Map<String, Parameter> out) {\n"
                                        + "        parameters.forEach((name, p) -> out.put(prefix + name, p));\n"
                                        + "        modules.forEach((name, child) -> child.collectEveryParameterPath(prefix + name + \".\", out));\n"
                                        + "    }\n\n"
                                        + BEFORE_HELPER)),
                broken("namedParameters-memoized", "2.2",
                        "namedParameters computes its map once and returns the same map on every later call, so it "
                                + "misses what changed since (a LazyLinear's real parameters after the first forward)",
                        "new", List.of("GeneratedNetworksTest.namedParametersOnGeneratedNetworks"),
                        edit("Module.java", "    private final Map<String, Module> modules = new LinkedHashMap<>();\n",
                                "    private final Map<String, Module> modules = new LinkedHashMap<>();\n"
                                        + "    private Map<String, Parameter> namedParametersCache;\n"),
                        edit("Module.java", "        // BEGIN SOLUTION 2.2 Module.namedParameters\n",
                                "        // BEGIN SOLUTION 2.2 Module.namedParameters\n"
                                        + "        if (namedParametersCache != null) {\n"
                                        + "            return namedParametersCache;\n"
                                        + "        }\n"),
                        edit("Module.java", "        return named;\n        // END SOLUTION\n    }\n\n    /**\n"
                                        + "     * Every parameter once",
                                "        namedParametersCache = named;\n        return named;\n        // END SOLUTION\n"
                                        + "    }\n\n    /**\n     * Every parameter once")),
                // --- 2.3 walking the modules ----------------------------------------------------------------
                broken("namedModules-dedups-among-siblings-only", "2.3",
                        "namedModules recurses over namedChildren() (each child once per parent) without a set of "
                                + "the modules seen, so a module under two different parents is listed twice", "once",
                        List.of("GeneratedNetworksTest.walksOnGeneratedNetworks",
                                "InvariantsTest.modulesListEachModuleOnce"),
                        edit("Module.java", "        if (!seen.add(this)) {\n            return;\n        }\n"
                                        + "        out.put(prefix, this);\n"
                                        + "        for (Map.Entry<String, Module> child : modules.entrySet()) {",
                                "        out.put(prefix, this);\n"
                                        + "        for (Map.Entry<String, Module> child : namedChildren().entrySet()) {")),
                broken("namedChildren-sorted-by-name", "2.3",
                        "namedChildren returns a TreeMap, sorted by name: child 10 comes before child 2, 'linear' "
                                + "before 'net'", "registration order", List.of("GeneratedNetworksTest.walksOnGeneratedNetworks"),
                        edit("Module.java", "        Map<String, Module> named = new OrderedDict<>();\n"
                                        + "        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());",
                                "        Map<String, Module> named = new java.util.TreeMap<>();\n"
                                        + "        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());")),
                broken("children-from-namedModules-paths", "2.3",
                        "children() takes the one-name paths of namedModules(), so a child first reached deeper "
                                + "(through an earlier child) is missing", "children()", List.of("GeneratedNetworksTest.walksOnGeneratedNetworks",
                                "InvariantsTest.modulesListEachModuleOnce"),
                        edit("Module.java", "        return new ArrayList<>(namedChildren().values());",
                                "        List<Module> children = new ArrayList<>();\n"
                                        + "        namedModules().forEach((path, m) -> {\n"
                                        + "            if (!path.isEmpty() && !path.contains(\".\")) {\n"
                                        + "                children.add(m);\n"
                                        + "            }\n"
                                        + "        });\n"
                                        + "        return children;")),
                // --- 2.4 the state dict -----------------------------------------------------------------------
                broken("stateDict-children-before-own", "2.4",
                        "stateDict puts the children's entries before the module's own parameters", "own parameters",
                        List.of("GeneratedNetworksTest.loadStateDictOnGeneratedNetworks",
                                "GeneratedNetworksTest.stateDictOnGeneratedNetworks"),
                        edit("Module.java", "        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {\n"
                                        + "            out.put(prefix + p.getKey(), p.getValue().data());\n"
                                        + "        }\n"
                                        + BufferSubmissions.SAVE_CALL
                                        + "        for (Map.Entry<String, Module> child : modules.entrySet()) {\n"
                                        + "            child.getValue().collectState(prefix + child.getKey() + \".\", out);\n"
                                        + "        }\n",
                                "        for (Map.Entry<String, Module> child : modules.entrySet()) {\n"
                                        + "            child.getValue().collectState(prefix + child.getKey() + \".\", out);\n"
                                        + "        }\n"
                                        + "        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {\n"
                                        + "            out.put(prefix + p.getKey(), p.getValue().data());\n"
                                        + "        }\n"
                                        + BufferSubmissions.SAVE_CALL)),
                // --- 2.5 loading a state dict -------------------------------------------------------------------
                broken("loadStateDict-copies-each-parameter-once", "2.5",
                        "loadStateDict copies into each distinct parameter once (namedParameters), so for a tied "
                                + "weight given two different values the first path wins; PyTorch copies every path "
                                + "in state-dict order and the last one wins", "every path", List.of("GeneratedNetworksTest.loadStateDictOnGeneratedNetworks"),
                        edit("Module.java", "        for (Map.Entry<String, Tensor> entry : own.entrySet()) {\n"
                                        + "            entry.getValue().copy_(stateDict.get(entry.getKey()));\n"
                                        + "        }",
                                "        for (Map.Entry<String, Parameter> entry : namedParameters().entrySet()) {\n"
                                        + "            entry.getValue().data().copy_(stateDict.get(entry.getKey()));\n"
                                        + "        }")),
                broken("loadStateDict-keys-from-namedParameters", "2.5",
                        "loadStateDict expects the keys of namedParameters(), so a tied network's own state dict "
                                + "is refused: 4.weight and 4.bias are 'unexpected'", "every path", List.of("GeneratedNetworksTest.loadStateDictOnGeneratedNetworks",
                                "InvariantsTest.refusedLoadChangesNothing"),
                        edit("Module.java", "        Map<String, Tensor> own = stateDict();",
                                "        Map<String, Tensor> own = new LinkedHashMap<>();\n"
                                        + "        namedParameters().forEach((name, p) -> own.put(name, p.data()));")),
                broken("loadStateDict-missing-keys-in-a-HashSet", "2.5",
                        "loadStateDict finds the missing keys as a HashSet difference, so several missing keys are "
                                + "reported in hash order, not in the module's order", "missing", List.of("GeneratedNetworksTest.loadStateDictOnGeneratedNetworks"),
                        edit("Module.java", "        List<String> missing = new ArrayList<>();",
                                "        Set<String> absent = new java.util.HashSet<>(own.keySet());\n"
                                        + "        absent.removeAll(stateDict.keySet());\n"
                                        + "        List<String> missing = new ArrayList<>(absent);"),
                        edit("Module.java", "            if (given == null) {\n                missing.add(entry.getKey());\n",
                                "            if (given == null) {\n                continue;\n")),
                broken("loadStateDict-compares-numel", "2.5",
                        "loadStateDict compares the number of elements instead of the shapes, so a transposed "
                                + "[4, 8] for an [8, 4] weight passes the check and the copy fails half-way",
                        "size mismatch", List.of("GeneratedNetworksTest.loadStateDictOnGeneratedNetworks"),
                        edit("Module.java", "} else if (!entry.getValue().size().equals(given.size())) {",
                                "} else if (entry.getValue().numel() != given.numel()) {")),
                broken("loadStateDict-checks-only-the-first-name", "2.5",
                        "loadStateDict calls a key unexpected only when its first name is no child and no "
                                + "parameter, so an unexpected key deep in the tree (0.block9.weight) is ignored",
                        "Unexpected key", List.of("GeneratedNetworksTest.loadStateDictOnGeneratedNetworks",
                                "InvariantsTest.refusedLoadChangesNothing"),
                        edit("Module.java", "        for (String key : stateDict.keySet()) {\n"
                                        + "            if (!own.containsKey(key)) {\n",
                                "        for (String key : stateDict.keySet()) {\n"
                                        + "            String head = key.split(\"\\\\.\")[0];\n"
                                        + "            if (!parameters.containsKey(head) && !modules.containsKey(head)) {\n")),
                // --- 3.2 fans ---------------------------------------------------------------------------------
                broken("fans-receptive-field-of-conv2d-only", "3.2",
                        "calculateFanInAndFanOut multiplies by sizes 2 and 3 only (a conv2d weight), so a 5-D "
                                + "conv3d weight gets the wrong fans", "receptive field", List.of("WholeDomainTest.fansOnTheWholeDomain",
                                "WholeDomainTest.kaimingOnTheWholeDomain",
                                "WholeDomainTest.xavierOnTheWholeDomain"),
                        edit("Init.java", "        for (int d = 2; d < tensor.dim(); d++) {\n"
                                        + "            receptiveField *= tensor.size(d);\n"
                                        + "        }\n",
                                "        if (tensor.dim() > 2) {\n"
                                        + "            receptiveField = tensor.size(2);\n"
                                        + "        }\n"
                                        + "        if (tensor.dim() > 3) {\n"
                                        + "            receptiveField *= tensor.size(3);\n"
                                        + "        }\n")),
                broken("fans-receptive-field-by-division", "3.2",
                        "calculateFanInAndFanOut computes the receptive field as numel / (size(0) * size(1)), which "
                                + "divides by zero for a tensor with an empty dimension ([0, 4] has fan_in 4, fan_out 0)",
                        "fan", List.of("WholeDomainTest.fansOnTheWholeDomain"),
                        edit("Init.java", "        int receptiveField = 1;\n"
                                        + "        for (int d = 2; d < tensor.dim(); d++) {\n"
                                        + "            receptiveField *= tensor.size(d);\n"
                                        + "        }\n",
                                "        int receptiveField = tensor.numel() / (tensor.size(0) * tensor.size(1));\n")),
                // --- 3.3 gains and Kaiming --------------------------------------------------------------------
                broken("kaiming-relu-takes-the-slope", "3.3",
                        "kaimingUniform_ treats relu as a leaky_relu of slope a, so kaimingUniform_(w, 0.5, "
                                + "\"fan_in\", \"relu\") uses gain sqrt(2 / 1.25) instead of sqrt(2)", "gain", List.of("WholeDomainTest.kaimingOnTheWholeDomain"),
                        edit("Init.java", "double gain = calculateGain(nonlinearity, a);",
                                "double gain = calculateGain(\"relu\".equals(nonlinearity) ? \"leaky_relu\" : nonlinearity, a);")),
                broken("kaiming-mode-error-not-lowered", "3.3",
                        "kaimingUniform_ compares the mode with equalsIgnoreCase and refuses 'FAN_AVG' with 'Mode "
                                + "FAN_AVG not supported' instead of PyTorch's lowered 'Mode fan_avg not supported'",
                        "mode", List.of("WholeDomainTest.kaimingOnTheWholeDomain"),
                        edit("Init.java", "        String m = mode.toLowerCase(Locale.ROOT);\n"
                                        + "        if (!m.equals(\"fan_in\") && !m.equals(\"fan_out\")) {\n"
                                        + "            throw new IllegalArgumentException(\"Mode \" + m + \" not supported",
                                "        if (!mode.equalsIgnoreCase(\"fan_in\") && !mode.equalsIgnoreCase(\"fan_out\")) {\n"
                                        + "            throw new IllegalArgumentException(\"Mode \" + mode + \" not supported"),
                        edit("Init.java", "        Fans fans = calculateFanInAndFanOut(tensor);\n"
                                        + "        int fan = m.equals(\"fan_in\")",
                                "        String m = mode.toLowerCase(Locale.ROOT);\n"
                                        + "        Fans fans = calculateFanInAndFanOut(tensor);\n"
                                        + "        int fan = m.equals(\"fan_in\")")),
                // --- 3.4 apply --------------------------------------------------------------------------------
                broken("apply-dedups-across-the-whole-tree", "3.4",
                        "apply keeps one set of visited modules for the whole walk, so a module under two different "
                                + "parents is visited once; PyTorch visits it under each parent", "apply", List.of("GeneratedNetworksTest.applyOnGeneratedNetworks",
                                "InvariantsTest.applyVisitsChildrenFirst"),
                        edit("Module.java", "        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());\n"
                                        + "        for (Module child : modules.values()) {\n"
                                        + "            if (seen.add(child)) {\n"
                                        + "                child.apply(fn);\n"
                                        + "            }\n"
                                        + "        }\n"
                                        + "        fn.accept(this);\n",
                                "        applyOnce(fn, Collections.newSetFromMap(new IdentityHashMap<>()));\n"),
                        edit("Module.java", BEFORE_HELPER,
                                "    private void applyOnce(Consumer<? super Module> fn, Set<Module> visited) {\n"
                                        + "        for (Module child : modules.values()) {\n"
                                        + "            if (visited.add(child)) {\n"
                                        + "                child.applyOnce(fn, visited);\n"
                                        + "            }\n"
                                        + "        }\n"
                                        + "        fn.accept(this);\n"
                                        + "    }\n\n"
                                        + BEFORE_HELPER)),
                // --- 3.5 the notebook's initializers ---------------------------------------------------------
                broken("directEdits-loops-over-8x4", "3.5",
                        "directEdits adds 1 with two loops over the notebook's 8 x 4 weight, so any other layer is "
                                + "edited partly or fails", "add 1", List.of("GeneratedNetworksTest.notebookInitializersOnGeneratedNetworks"),
                        edit("Initialization.java", "        w.add_(1f);\n",
                                "        for (int i = 0; i < 8; i++) {\n"
                                        + "            for (int j = 0; j < 4; j++) {\n"
                                        + "                w.set(w.get(i, j) + 1f, i, j);\n"
                                        + "            }\n"
                                        + "        }\n")),
                // --- 4.1 LazyLinear ----------------------------------------------------------------------------
                broken("lazyLinear-infers-from-dim-1", "4.1",
                        "LazyLinear takes in_features from the input's size(1) instead of its last dimension",
                        "last dimension", List.of("GeneratedNetworksTest.lazyLayersInGeneratedNetworks"),
                        edit("LazyLinear.java", "int in = input.size(input.dim() - 1);", "int in = input.size(1);")),
                // --- 5.2 zeroGrad -------------------------------------------------------------------------------
                broken("zeroGrad-one-level-deep", "5.2",
                        "zeroGrad clears the module's own parameters and its children's, not its grandchildren's",
                        "every parameter", List.of("GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "GeneratedNetworksTest.zeroGradOnGeneratedNetworks",
                                "InvariantsTest.zeroGradClearsEveryParameter"),
                        edit("Module.java", "        for (Parameter p : parameters()) {\n            p.setGrad(null);",
                                "        for (Parameter p : registeredParameters().values()) {\n"
                                        + "            p.setGrad(null);\n"
                                        + "        }\n"
                                        + "        for (Module child : children()) {\n"
                                        + "            for (Parameter p : child.registeredParameters().values()) {\n"
                                        + "                p.setGrad(null);\n"
                                        + "            }")),
                broken("zeroGrad-leaves-only", "5.2",
                        "zeroGrad clears the parameters of the leaves only (a module with children just recurses), "
                                + "so a module's own parameters beside its children keep their gradients",
                        "every parameter", List.of("GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "GeneratedNetworksTest.zeroGradOnGeneratedNetworks",
                                "InvariantsTest.zeroGradClearsEveryParameter"),
                        edit("Module.java", "        for (Parameter p : parameters()) {\n            p.setGrad(null);",
                                "        if (!registeredModules().isEmpty()) {\n"
                                        + "            for (Module child : children()) {\n"
                                        + "                child.zeroGrad();\n"
                                        + "            }\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        for (Parameter p : registeredParameters().values()) {\n"
                                        + "            p.setGrad(null);")),
                // --- 5.3 SGD ------------------------------------------------------------------------------------
                broken("sgd-scales-the-gradient-in-place", "5.3",
                        "SGD.step computes lr * grad with mul_, in place, so after a step p.grad() holds lr * grad "
                                + "and a second step without zeroGrad uses the scaled gradient", "gradient", List.of("GeneratedNetworksTest.sgdOnGeneratedNetworks",
                                "WholeDomainTest.sgdStepOnTheWholeDomain"),
                        edit("SGD.java", "p.data().sub_(grad.mul(lr));", "p.data().sub_(grad.mul_(lr));")),
                // --- 7.1 training with a shared layer --------------------------------------------------------
                broken("mseLoss-divides-by-the-batch-size", "7.1",
                        "mseLoss sums the squared errors and divides by the batch size, the mean only for one output "
                                + "per example", "mean", List.of("GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "WholeDomainTest.mseLossOnTheWholeDomain"),
                        edit("SharedLayerTraining.java", "return yHat.sub(y).pow(2f).mean();",
                                "return yHat.sub(y).pow(2f).sum().div(yHat.size(0));")),
                broken("train-reshapes-the-targets-to-a-column", "7.1",
                        "train passes y.reshape(n, 1) to mseLoss, as the notebook's network has one output, so a "
                                + "network with two outputs cannot be trained", "mseLoss", List.of("GeneratedNetworksTest.trainingOnGeneratedNetworks"),
                        edit("SharedLayerTraining.java", "Tensor loss = mseLoss(net.forward(x), y);",
                                "Tensor loss = mseLoss(net.forward(x), y.reshape(y.size(0), 1));")),
                broken("untiedCopy-hard-codes-seven-positions", "7.1",
                        "untiedCopy copies positions 0, 2, 4 and 6 of a 7-position network, the notebook's shape",
                        "untied", List.of("GeneratedNetworksTest.untiedCopyOnGeneratedNetworks"),
                        edit("SharedLayerTraining.java", "Module[] copies = new Module[net.size()];",
                                "Module[] copies = new Module[7]; // Linear, ReLU, shared, ReLU, shared, ReLU, Linear"),
                        edit("SharedLayerTraining.java", "            if (child instanceof Linear linear) {\n",
                                "            if (i % 2 == 0) {\n                Linear linear = (Linear) child;\n")),
                // --- error messages that leave out what a student needs -------------------------------------
                broken("linear-error-without-the-input-shape", "1.2",
                        "Linear.forward's error names the width it expects but not the shape of the input it got",
                        "shape", List.of("LazyInitializationTest.aLaterInputOfAnotherWidthIsAnError",
                                "LazyInitializationTest.mismatchedLayersFailNamingTheShapes",
                                "ModulesTest.linearForwardRejectsTheWrongWidth"),
                        edit("Linear.java", "+ \"] but got \" + (x == null ? \"null\" : Arrays.toString(x.shape().toArray())));",
                                "+ \"] but got another width\");")),
                broken("linear-error-for-1d-without-its-shape", "1.2",
                        "Linear.forward refuses a 1-D input in a check of its own whose message names the width it "
                                + "expects but not the input's shape", "shape", List.of("ModulesTest.linearForwardRejectsTheWrongWidth"),
                        edit("Linear.java", "        if (x == null || x.dim() != 2 || x.size(1) != inFeatures) {",
                                "        if (x != null && x.dim() != 2) {\n"
                                        + "            throw new IllegalArgumentException(\"Linear.forward needs a 2-D input [batch, \" + inFeatures + \"]\");\n"
                                        + "        }\n"
                                        + "        if (x == null || x.dim() != 2 || x.size(1) != inFeatures) {")),
                broken("sequential-index-error-without-the-position", "1.4",
                        "Sequential.get's error for a position out of range names the number of children but not the "
                                + "position", "position", List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks",
                                "ModulesTest.sequentialGetIndexesByPosition"),
                        edit("Sequential.java", "throw new IndexOutOfBoundsException(\"index \" + index + \" is out of range: ",
                                "throw new IndexOutOfBoundsException(\"out of range: ")),
                broken("sequential-index-error-counts-negatives-from-the-end", "1.4",
                        "Sequential.get's error reports a negative position after adding the size (-7 of 4 children "
                                + "becomes -3), not the position the student wrote", "position", List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks",
                                "ModulesTest.sequentialGetIndexesByPosition"),
                        edit("Sequential.java", "throw new IndexOutOfBoundsException(\"index \" + index + \" is out of range: ",
                                "throw new IndexOutOfBoundsException(\"index \" + (index < 0 ? index + size : index)"
                                        + " + \" is out of range: ")),
                broken("sequential-negative-index-error-without-the-size", "1.4",
                        "Sequential.get refuses a position below -len in a check of its own whose message forgets the "
                                + "number of children", "out of range", List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks",
                                "ModulesTest.sequentialGetIndexesByPosition"),
                        edit("Sequential.java", "            if (index < -size || index >= size) {",
                                "            if (index < -size) {\n"
                                        + "                throw new IndexOutOfBoundsException(\"index \" + index + \" is too small\");\n"
                                        + "            }\n"
                                        + "            if (index >= size) {")),
                broken("fans-error-in-other-words", "3.2",
                        "calculateFanInAndFanOut refuses a 1-D tensor in its own words instead of PyTorch's", "PyTorch",
                        List.of("InitializationTest.fansMatchPyTorch",
                                "InitializationTest.kaimingUniformMatchesPyTorch",
                                "InitializationTest.xavierNormalMatchesPyTorch",
                                "InitializationTest.xavierUniformMatchesPyTorch",
                                "WholeDomainTest.fansOnTheWholeDomain"),
                        edit("Init.java", "\"Fan in and fan out can not be computed for tensor with fewer than 2 dimensions\"",
                                "\"calculateFanInAndFanOut needs a tensor of at least 2 dimensions\"")),
                broken("kaiming-mode-error-without-the-mode", "3.3",
                        "kaimingUniform_ refuses an unknown mode without naming it", "mode", List.of("InitializationTest.kaimingUniformMatchesPyTorch",
                                "WholeDomainTest.kaimingOnTheWholeDomain"),
                        edit("Init.java", "\"Mode \" + m + \" not supported, please use one of ['fan_in', 'fan_out']\"",
                                "\"unsupported mode, please use one of ['fan_in', 'fan_out']\"")),
                broken("lazy-weight-error-without-uninitialized", "4.2",
                        "LazyLinear.weight() before the first forward says to run a forward pass but not that the "
                                + "parameter is uninitialized", "uninitialized", List.of("LazyInitializationTest.readingAnUninitializedParameterIsAClearError"),
                        edit("LazyLinear.java", "throw new IllegalStateException(\"Attempted to use an uninitialized parameter: \" + name + \" of ",
                                "throw new IllegalStateException(name + \" is not there yet: \" + name + \" of ")),
                broken("lazy-weight-error-without-forward", "4.2",
                        "LazyLinear.weight() before the first forward says the parameter is uninitialized but not that "
                                + "a forward pass initializes it", "forward", List.of("LazyInitializationTest.readingAnUninitializedParameterIsAClearError"),
                        edit("LazyLinear.java", "first input: run a forward pass first (e.g. net.forward(X)), then read ",
                                "first input; read ")),
                broken("mse-error-without-the-prediction-shape", "7.1",
                        "mseLoss's error for shapes that differ names the target's shape only", "shape", List.of("SharedLayerTrainingTest.mseLossMatchesPyTorch"),
                        edit("SharedLayerTraining.java", "\"mseLoss: the prediction has shape \" + yHat.size()\n"
                                        + "                    + \" but the target has shape \"",
                                "\"mseLoss: the shapes differ; the target has shape \"")),
                broken("mse-error-without-the-target-shape", "7.1",
                        "mseLoss's error for shapes that differ names the prediction's shape only", "shape", List.of("SharedLayerTrainingTest.mseLossMatchesPyTorch"),
                        edit("SharedLayerTraining.java", "                    + \" but the target has shape \" + y.size());",
                                "                    + \" but the target has another shape\");")));
    }
}
