package org.paramlab.grader.broken;

import static org.paramlab.grader.broken.BrokenSubmissions.broken;
import static org.paramlab.grader.broken.BrokenSubmissions.edit;

import java.util.List;


/**
 * Broken submissions for the grader's former blind spots: promises of the javadoc no test checked
 * (a refused load that copies half, upper-case init modes, messages that must name a module or a
 * width), tied parameters reached by their second path, identity (one block added four times,
 * {@code size()} counting distinct children, a {@code forward} that edits its input or cuts the
 * gradient), nested state-dict names, and their neighbours; and, last, mistakes that are right on the
 * notebook's inputs and wrong elsewhere in the domain the javadoc allows (NaN, -inf, other ranks, other
 * shapes, names in another case), which {@code WholeDomainTest} grades. Each loses points in the
 * exercise that teaches the concept, with feedback that names it.
 *
 * <p>Long on purpose: a catalogue: each entry is a small, independent broken submission with the exercise it must
 * lose points in, and reading them side by side is how a reviewer checks what the grader catches.
 */
final class BlindSpotSubmissions {

    private BlindSpotSubmissions() {
    }

    private static final String END = BrokenSubmissions.END;

    static List<BrokenSubmission> all() {
        return List.of(
                // --- 1.1 Linear -------------------------------------------------------------------------
                broken("linear-registers-another-weight", "1.1",
                        "Linear registers one weight object and keeps another in its field", "registered parameter itself",
                        List.of("GeneratedNetworksTest.untiedCopyOnGeneratedNetworks",
                                "ModulesTest.linearRegistersWeightThenBias",
                                "ModulesTest.notebookNetMatchesPyTorch",
                                "ModulesTest.notebookRgnetMatchesPyTorch",
                                "SharedLayerTrainingTest.sharedMlpIsPyTorchsNetwork",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions",
                                "TiedParametersTest.anEditThroughOnePositionIsSeenAtTheOther",
                                "TiedParametersTest.sgdStepsOnTheTiedNetwork",
                                "TiedParametersTest.sharedGradientIsTheSumOfBothUses",
                                "TiedParametersTest.tiedNetHasOneLayerAtTwoPlaces",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses"),
                        edit("Linear.java",
                                "        this.weight = registerParameter(\"weight\", new Parameter(Tensor.zeros(outFeatures, inFeatures)));",
                                "        registerParameter(\"weight\", new Parameter(Tensor.zeros(outFeatures, inFeatures)));\n"
                                        + "        this.weight = new Parameter(Tensor.zeros(outFeatures, inFeatures));")),
                broken("linear-registers-bias-first", "1.1", "Linear registers its bias before its weight", "in order",
                        List.of("GeneratedNetworksTest.notebookInitializersOnGeneratedNetworks",
                                "GeneratedNetworksTest.untiedCopyOnGeneratedNetworks",
                                "InitializationTest.myInitPrintsAsPyTorch",
                                "ModulesTest.linearRegistersWeightThenBias",
                                "ModulesTest.notebookNetMatchesPyTorch",
                                "ModulesTest.notebookRgnetMatchesPyTorch",
                                "SharedLayerTrainingTest.sharedMlpIsPyTorchsNetwork",
                                "TiedParametersTest.sharedParametersInNamedParametersAndStateDict"),
                        edit("Linear.java",
                                "        this.weight = registerParameter(\"weight\", new Parameter(Tensor.zeros(outFeatures, inFeatures)));\n"
                                        + "        this.bias = registerParameter(\"bias\", new Parameter(Tensor.zeros(outFeatures)));",
                                "        this.bias = registerParameter(\"bias\", new Parameter(Tensor.zeros(outFeatures)));\n"
                                        + "        this.weight = registerParameter(\"weight\", new Parameter(Tensor.zeros(outFeatures, inFeatures)));")),
                // --- 1.2 Linear.forward -------------------------------------------------------------------
                broken("linear-error-without-width", "1.2",
                        "Linear.forward's error names the input's shape but not the width the layer expects", "width",
                        List.of("LazyInitializationTest.aLaterInputOfAnotherWidthIsAnError",
                                "LazyInitializationTest.mismatchedLayersFailNamingTheShapes",
                                "ModulesTest.linearForwardRejectsTheWrongWidth"),
                        edit("Linear.java", "\"Linear(in_features=\" + inFeatures + \", out_features=\" + outFeatures\n"
                                        + "                    + \"): expected an input of shape [batch, \" + inFeatures\n"
                                        + "                    + \"] but got \"",
                                "\"Linear cannot take an input of shape \"")),
                // --- 1.3 ReLU -------------------------------------------------------------------------------
                broken("relu-in-place", "1.3", "ReLU.forward zeroes the negatives of its input in place and returns it",
                        "must not change its input",
                        List.of("CustomModelsTest.chimeraForwardMatchesPyTorch",
                                "CustomModelsTest.chimeraMatchesPyTorch",
                                "CustomModelsTest.chimeraParameterAccessMatchesPyTorch",
                                "CustomModelsTest.nestMlpFirstForwardDrawsPyTorchsWeights",
                                "CustomModelsTest.nestMlpForwardMatchesPyTorch",
                                "CustomModelsTest.nestMlpHasTheNotebookStructure",
                                "GeneratedNetworksTest.reluOnGeneratedNetworks",
                                "LazyInitializationTest.lazyNetAfterTheFirstForward",
                                "LazyInitializationTest.lazyNetFirstForwardMatchesPyTorch",
                                "LazyInitializationTest.mismatchedLayersFailNamingTheShapes",
                                "ModulesTest.notebookNetMatchesPyTorch",
                                "ModulesTest.notebookRgnetMatchesPyTorch",
                                "ModulesTest.reluLeavesItsInputAndPassesTheGradient",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions",
                                "TiedParametersTest.anEditThroughOnePositionIsSeenAtTheOther",
                                "TiedParametersTest.lazyTiedNetMatchesPyTorch",
                                "TiedParametersTest.sgdStepsOnTheTiedNetwork",
                                "TiedParametersTest.sharedGradientIsTheSumOfBothUses",
                                "TiedParametersTest.tiedNetHasOneLayerAtTwoPlaces",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses",
                                "WholeDomainTest.reluOnTheWholeDomain"),
                        edit("ReLU.java", "return x.relu();", "return x.mul_(x.ge(0f));")),
                broken("relu-cuts-the-gradient", "1.3", "ReLU.forward computes from x.data(), out of autograd's sight",
                        "let the gradient flow",
                        List.of("GeneratedNetworksTest.reluOnGeneratedNetworks",
                                "ModulesTest.reluLeavesItsInputAndPassesTheGradient",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions",
                                "TiedParametersTest.sgdStepsOnTheTiedNetwork",
                                "TiedParametersTest.sharedGradientIsTheSumOfBothUses",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses",
                                "WholeDomainTest.reluOnTheWholeDomain"),
                        edit("ReLU.java", "return x.relu();", "return x.data().relu();")),
                // --- 1.4 Sequential -------------------------------------------------------------------------
                broken("sequential-size-counts-distinct-children", "1.4",
                        "Sequential.size() counts distinct children (namedChildren) instead of registrations",
                        "counts every registration",
                        List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks",
                                "GeneratedNetworksTest.untiedCopyOnGeneratedNetworks",
                                "ModulesTest.sequentialNamesChildrenByPosition",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions"),
                        edit("Sequential.java", "return registeredModules().size();", "return namedChildren().size();")),
                broken("sequential-forward-skips-a-repeated-child", "1.4",
                        "Sequential.forward runs children() (each module once), so a tied layer runs once",
                        "every registration",
                        List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks",
                                "ModulesTest.sequentialForwardChainsChildren",
                                "TiedParametersTest.anEditThroughOnePositionIsSeenAtTheOther",
                                "TiedParametersTest.lazyTiedNetMatchesPyTorch",
                                "TiedParametersTest.sgdStepsOnTheTiedNetwork",
                                "TiedParametersTest.sharedGradientIsTheSumOfBothUses",
                                "TiedParametersTest.tiedNetHasOneLayerAtTwoPlaces",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses"),
                        edit("Sequential.java", "for (Module module : registeredModules().values()) {",
                                "for (Module module : children()) {")),
                broken("sequential-index-error-without-size", "1.4",
                        "Sequential.get's IndexOutOfBoundsException says 'index 5 is out of range' (PyTorch's words) "
                                + "without the number of children", "number of children",
                        List.of("ModulesTest.sequentialGetIndexesByPosition"),
                        edit("Sequential.java", "\" is out of range: this Sequential has \"\n                        + size + \" module(s)\"",
                                "\" is out of range\"")),
                broken("sequential-get-into-a-leaf", "1.4",
                        "Sequential.get indexes into any module, so get(1, 0) on rgnet fails with an index error",
                        "not a Sequential",
                        List.of("ModulesTest.sequentialGetIndexesByPosition"),
                        edit("Sequential.java", "            if (!(module instanceof Sequential)) {",
                                "            if (module == null) {")),
                // --- 1.5 printing ---------------------------------------------------------------------------
                broken("toString-skips-a-repeated-child", "1.5",
                        "Module.toString prints namedChildren(), so the tied layer's second position is missing",
                        "every registration",
                        List.of("GeneratedNetworksTest.printingGeneratedNetworks",
                                "ModulesTest.containersPrintLikePyTorch",
                                "TiedParametersTest.lazyTiedNetMatchesPyTorch"),
                        edit("Module.java", "for (Map.Entry<String, Module> child : modules.entrySet()) {\n"
                                        + "            String childRepr",
                                "for (Map.Entry<String, Module> child : namedChildren().entrySet()) {\n"
                                        + "            String childRepr")),
                // --- 1.6 the notebook's models --------------------------------------------------------------
                broken("block2-one-block-four-times", "1.6",
                        "block2() builds one block1() and adds that same object as block0 ... block3",
                        "four distinct block1() objects",
                        List.of("ModulesTest.notebookRgnetMatchesPyTorch"),
                        edit("ParameterManagement.java", "        Sequential net = new Sequential();\n"
                                        + "        for (int i = 0; i < 4; i++) {\n"
                                        + "            net.addModule(\"block\" + i, block1());",
                                "        Sequential net = new Sequential();\n"
                                        + "        Sequential block = block1();\n"
                                        + "        for (int i = 0; i < 4; i++) {\n"
                                        + "            net.addModule(\"block\" + i, block);")),
                // --- 2.1 targeted access --------------------------------------------------------------------
                broken("getSubmodule-walks-namedChildren", "2.1",
                        "getSubmodule follows namedChildren(), which lists a shared layer once, so tied.getSubmodule(\"4\") fails",
                        "every path",
                        List.of("GeneratedNetworksTest.targetedAccessOnGeneratedNetworks",
                                "InvariantsTest.targetedAccessReachesEveryPath",
                                "ParameterAccessTest.targetedAccessReachesASharedLayerByEveryPath"),
                        edit("Module.java", "Module child = module.modules.get(name);",
                                "Module child = module.namedChildren().get(name);")),
                broken("getSubmodule-error-names-the-root", "2.1",
                        "getSubmodule's error names the module it was called on, not the one that lacks the name",
                        "names the module that lacks",
                        List.of("GeneratedNetworksTest.targetedAccessOnGeneratedNetworks",
                                "ParameterAccessTest.targetedAccessExplainsAMissingName"),
                        edit("Module.java", "throw new IllegalArgumentException(module.typeName() + \" has no attribute `\" + name + \"`\");",
                                "throw new IllegalArgumentException(typeName() + \" has no attribute `\" + name + \"`\");")),
                broken("getParameter-error-without-the-module", "2.1",
                        "getParameter's error says only which name is missing, not which module lacks it",
                        "names the module that lacks",
                        List.of("GeneratedNetworksTest.targetedAccessOnGeneratedNetworks",
                                "ParameterAccessTest.targetedAccessExplainsAMissingName"),
                        edit("Module.java", "throw new IllegalArgumentException(owner.typeName() + \" has no attribute `\" + name + \"`\");",
                                "throw new IllegalArgumentException(\"no attribute `\" + name + \"`\");")),
                // --- 2.2 all parameters -----------------------------------------------------------------------
                broken("parameters-from-every-registration", "2.2",
                        "parameters() collects every registration, so the tied weight is listed twice", "distinct parameter",
                        List.of("GeneratedNetworksTest.namedParametersOnGeneratedNetworks",
                                "InvariantsTest.parametersListEachParameterOnce",
                                "ParameterAccessTest.parametersInOrder"),
                        edit("Module.java", "        return new ArrayList<>(namedParameters().values());" + END,
                                "        List<Parameter> all = new ArrayList<>(parameters.values());\n"
                                        + "        for (Module child : modules.values()) {\n"
                                        + "            all.addAll(child.parameters());\n"
                                        + "        }\n"
                                        + "        return all;" + END)),
                // --- 2.4 the state dict ------------------------------------------------------------------------
                broken("stateDict-without-outer-prefix", "2.4",
                        "stateDict prefixes a nested key with its parent's name only (block1.2.weight, not 0.block1.2.weight)",
                        "prefix",
                        List.of("CustomModelsTest.chimeraParameterAccessMatchesPyTorch",
                                "GeneratedNetworksTest.loadStateDictOnGeneratedNetworks",
                                "GeneratedNetworksTest.stateDictOnGeneratedNetworks",
                                "InvariantsTest.refusedLoadChangesNothing",
                                "InvariantsTest.stateDictHasEveryPath",
                                "ParameterAccessTest.loadStateDictCopiesValues",
                                "ParameterAccessTest.stateDictOfNet"),
                        edit("Module.java", "child.getValue().collectState(prefix + child.getKey() + \".\", out);",
                                "child.getValue().collectState(child.getKey() + \".\", out);")),
                // --- 2.5 loading a state dict ------------------------------------------------------------------
                broken("loadStateDict-copies-before-checking", "2.5",
                        "loadStateDict copies every entry that fits before it reports the ones that do not",
                        "copies nothing",
                        List.of("InvariantsTest.refusedLoadChangesNothing",
                                "ParameterAccessTest.loadStateDictNamesASizeMismatch",
                                "ParameterAccessTest.loadStateDictNamesMissingAndUnexpectedKeys"),
                        edit("Module.java", "        if (!missing.isEmpty() || !unexpected.isEmpty() || !sizes.isEmpty()) {",
                                "        for (Map.Entry<String, Tensor> entry : own.entrySet()) {\n"
                                        + "            Tensor given = stateDict.get(entry.getKey());\n"
                                        + "            if (given != null && given.size().equals(entry.getValue().size())) {\n"
                                        + "                entry.getValue().copy_(given);\n"
                                        + "            }\n"
                                        + "        }\n"
                                        + "        if (!missing.isEmpty() || !unexpected.isEmpty() || !sizes.isEmpty()) {")),
                broken("loadStateDict-replaces-the-parameters", "2.5",
                        "loadStateDict registers new Parameter objects holding the values instead of copying into the old ones",
                        "keep the parameter objects",
                        List.of("GeneratedNetworksTest.loadStateDictOnGeneratedNetworks",
                                "ParameterAccessTest.loadStateDictCopiesValues"),
                        edit("Module.java", "        for (Map.Entry<String, Tensor> entry : own.entrySet()) {\n"
                                        + "            entry.getValue().copy_(stateDict.get(entry.getKey()));\n"
                                        + "        }",
                                "        for (String key : own.keySet()) {\n"
                                        + "            int dot = key.lastIndexOf('.');\n"
                                        + "            Module owner = getSubmodule(dot < 0 ? \"\" : key.substring(0, dot));\n"
                                        + "            owner.parameters.put(key.substring(dot + 1), new Parameter(stateDict.get(key).clone()));\n"
                                        + "        }")),
                // --- 3.1-3.3 Init -------------------------------------------------------------------------------
                broken("normal-returns-the-data", "3.1", "Init.normal_ returns tensor.data() instead of tensor",
                        "return the tensor it was given",
                        List.of("InitializationTest.normalMatchesPyTorch",
                                "InitializationTest.xavierNormalMatchesPyTorch",
                                "WholeDomainTest.initializersOnTheWholeDomain",
                                "WholeDomainTest.xavierOnTheWholeDomain"),
                        edit("Init.java", "        tensor.data().normal_((float) mean, (float) std);\n        return tensor;",
                                "        return tensor.data().normal_((float) mean, (float) std);")),
                broken("xavier-accepts-a-vector", "3.2",
                        "Init.xavierUniform_ leaves a 1-D tensor as it is instead of refusing it",
                        "fewer than 2 dimensions",
                        List.of("InitializationTest.xavierUniformMatchesPyTorch"),
                        edit("Init.java", "        Fans fans = calculateFanInAndFanOut(tensor);\n"
                                        + "        double std = gain * Math.sqrt(2.0 / (double) (fans.fanIn() + fans.fanOut()));\n"
                                        + "        double a = Math.sqrt(3.0) * std;",
                                "        if (tensor.dim() < 2) {\n"
                                        + "            return tensor;\n"
                                        + "        }\n"
                                        + "        Fans fans = calculateFanInAndFanOut(tensor);\n"
                                        + "        double std = gain * Math.sqrt(2.0 / (double) (fans.fanIn() + fans.fanOut()));\n"
                                        + "        double a = Math.sqrt(3.0) * std;")),
                broken("kaiming-mode-case-sensitive", "3.3",
                        "Init.kaimingUniform_ refuses 'FAN_OUT': it does not lower the mode as PyTorch does",
                        "upper case is accepted",
                        List.of("InitializationTest.kaimingUniformMatchesPyTorch",
                                "WholeDomainTest.kaimingOnTheWholeDomain"),
                        edit("Init.java", "String m = mode.toLowerCase(Locale.ROOT);", "String m = mode;")),
                broken("gain-1-for-unknown-nonlinearities", "3.3",
                        "Init.calculateGain returns 1 for a nonlinearity it does not know instead of refusing it",
                        "nonlinearity",
                        List.of("InitializationTest.gainsMatchPyTorch",
                                "InitializationTest.kaimingUniformMatchesPyTorch",
                                "WholeDomainTest.gainsOnTheWholeDomain"),
                        edit("Init.java", "throw new IllegalArgumentException(\"Unsupported nonlinearity \" + nonlinearity);",
                                "return 1;")),
                // --- 3.5 the notebook's initializers --------------------------------------------------------------
                broken("initNormal-on-any-module-with-a-weight", "3.5",
                        "init_normal initializes every module that has a weight, not only Linear layers", "not a Linear",
                        List.of("InitializationTest.initNormalMatchesPyTorch"),
                        edit("Initialization.java", "        if (m instanceof Linear linear) {\n"
                                        + "            Init.normal_(linear.weight(), 0, 0.01);\n"
                                        + "            Init.zeros_(linear.bias());",
                                "        if (m.registeredParameters().containsKey(\"weight\")) {\n"
                                        + "            Init.normal_(m.registeredParameters().get(\"weight\"), 0, 0.01);\n"
                                        + "            Init.zeros_(m.registeredParameters().get(\"bias\"));")),
                // --- 4.1 LazyLinear ---------------------------------------------------------------------------------
                broken("initializeParameters-without-guard", "4.1",
                        "LazyLinear.initializeParameters re-creates the parameters on every call (only forward checks first)",
                        "does nothing once",
                        List.of("LazyInitializationTest.afterTheFirstForwardItIsALinear"),
                        edit("LazyLinear.java", "        // BEGIN SOLUTION 4.1 LazyLinear.initializeParameters\n"
                                        + "        if (!hasUninitializedParameters()) {\n"
                                        + "            return;\n"
                                        + "        }\n",
                                "        // BEGIN SOLUTION 4.1 LazyLinear.initializeParameters\n"),
                        edit("LazyLinear.java", "        initializeParameters(x);\n        return super.forward(x);",
                                "        if (hasUninitializedParameters()) {\n"
                                        + "            initializeParameters(x);\n"
                                        + "        }\n"
                                        + "        return super.forward(x);")),
                broken("lazyLinear-always-prints-as-Linear", "4.1",
                        "LazyLinear.typeName() is always Linear, also before the first forward", "PyTorch's repr",
                        List.of("GeneratedNetworksTest.lazyLayersInGeneratedNetworks",
                                "LazyInitializationTest.lazyLinearStartsUninitialized",
                                "LazyInitializationTest.lazyNetBeforeTheFirstForward",
                                "TiedParametersTest.lazyTiedNetMatchesPyTorch"),
                        edit("LazyLinear.java", "return hasUninitializedParameters() ? \"LazyLinear\" : \"Linear\";",
                                "return \"Linear\";")),
                // --- 5.2, 5.3 gradients and SGD ----------------------------------------------------------------------
                broken("zeroGrad-clears-only-its-own", "5.2",
                        "Module.zeroGrad clears the module's own parameters but not its children's", "clear",
                        List.of("GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "GeneratedNetworksTest.zeroGradOnGeneratedNetworks",
                                "InvariantsTest.zeroGradClearsEveryParameter",
                                "SharedLayerTrainingTest.trainingGradientsMatchPyTorch",
                                "SharedLayerTrainingTest.trainingLossesMatchPyTorch",
                                "SharedLayerTrainingTest.trainingParametersMatchPyTorch",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses",
                                "TiedParametersTest.zeroGradClearsEveryGradient"),
                        edit("Module.java", "        for (Parameter p : parameters()) {\n            p.setGrad(null);",
                                "        for (Parameter p : registeredParameters().values()) {\n            p.setGrad(null);")),
                broken("sgd-steps-a-copy", "5.3", "SGD.step subtracts lr * grad from a copy of the data", "SGD",
                        List.of("GeneratedNetworksTest.sgdOnGeneratedNetworks",
                                "TiedParametersTest.sgdStepMatchesPyTorch",
                                "TiedParametersTest.sgdStepsOnTheTiedNetwork",
                                "WholeDomainTest.sgdStepOnTheWholeDomain"),
                        edit("SGD.java", "p.data().sub_(grad.mul(lr));", "p.data().clone().sub_(grad.mul(lr));")),
                // --- 6.x custom models ---------------------------------------------------------------------------------
                broken("rand-weight-requires-grad", "6.2",
                        "FixedHiddenMLP keeps rand_weight as an (unregistered) Parameter, so it requires grad", "constant",
                        List.of("CustomModelsTest.fixedHiddenRandWeightIsPyTorchsDraw"),
                        edit("FixedHiddenMLP.java", "this.randWeight = Tensor.rand(20, 20);",
                                "this.randWeight = new Parameter(Tensor.rand(20, 20));")),
                broken("nestMlp-registers-linear-first", "6.1",
                        "NestMLP registers linear before net, so its names and printing come in the wrong order", "NestMLP",
                        List.of("CustomModelsTest.chimeraMatchesPyTorch",
                                "CustomModelsTest.chimeraParameterAccessMatchesPyTorch",
                                "CustomModelsTest.nestMlpHasTheNotebookStructure"),
                        edit("NestMLP.java", "        this.net = addModule(\"net\", new Sequential(new LazyLinear(64), new ReLU(), "
                                        + "new LazyLinear(32), new ReLU()));\n"
                                        + "        this.linear = addModule(\"linear\", new LazyLinear(16));",
                                "        this.linear = addModule(\"linear\", new LazyLinear(16));\n"
                                        + "        this.net = addModule(\"net\", new Sequential(new LazyLinear(64), new ReLU(), "
                                        + "new LazyLinear(32), new ReLU()));")),
                broken("chimera-bias-is-the-weight", "6.3", "fixedHiddenBias returns chimera[2].linear.weight", "chimera",
                        List.of("CustomModelsTest.chimeraParameterAccessMatchesPyTorch"),
                        edit("CustomModels.java", "return fixed.linear().bias();", "return fixed.linear().weight();")),
                // --- 7.x training and the quiz -----------------------------------------------------------------------
                broken("training-records-values-after-the-update", "7.1",
                        "train copies the parameters after the step's update instead of before it", "before the update",
                        List.of("GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "SharedLayerTrainingTest.trainingParametersMatchPyTorch"),
                        edit("SharedLayerTraining.java",
                                "            named.forEach((name, p) -> values.put(name, p.data().clone()));\n",
                                ""),
                        edit("SharedLayerTraining.java",
                                "            record.add(new TrainingRecord.Step(step, loss.item(), values, gradients));\n"
                                        + "            for (Parameter p : named.values()) {\n"
                                        + "                p.data().sub_(p.grad().mul(lr));\n"
                                        + "            }",
                                "            for (Parameter p : named.values()) {\n"
                                        + "                p.data().sub_(p.grad().mul(lr));\n"
                                        + "            }\n"
                                        + "            named.forEach((name, p) -> values.put(name, p.data().clone()));\n"
                                        + "            record.add(new TrainingRecord.Step(step, loss.item(), values, gradients));")),
                // --- identity: each check of an object's identity is failed by at least one submission ------------
                broken("linear-registers-another-bias", "1.1",
                        "Linear registers one bias object and keeps another in its field", "registered parameter itself",
                        List.of("GeneratedNetworksTest.untiedCopyOnGeneratedNetworks",
                                "ModulesTest.linearRegistersWeightThenBias",
                                "ModulesTest.notebookNetMatchesPyTorch",
                                "ModulesTest.notebookRgnetMatchesPyTorch",
                                "SharedLayerTrainingTest.sharedMlpIsPyTorchsNetwork",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions",
                                "TiedParametersTest.anEditThroughOnePositionIsSeenAtTheOther",
                                "TiedParametersTest.sgdStepsOnTheTiedNetwork",
                                "TiedParametersTest.sharedGradientIsTheSumOfBothUses",
                                "TiedParametersTest.tiedNetHasOneLayerAtTwoPlaces",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses"),
                        edit("Linear.java",
                                "        this.bias = registerParameter(\"bias\", new Parameter(Tensor.zeros(outFeatures)));",
                                "        registerParameter(\"bias\", new Parameter(Tensor.zeros(outFeatures)));\n"
                                        + "        this.bias = new Parameter(Tensor.zeros(outFeatures));")),
                broken("sequential-registers-in-reverse", "1.4",
                        "Sequential names its children 0, 1, 2 but registers the arguments last to first",
                        "order",
                        List.of("CustomModelsTest.chimeraForwardMatchesPyTorch",
                                "CustomModelsTest.chimeraMatchesPyTorch",
                                "CustomModelsTest.chimeraParameterAccessMatchesPyTorch",
                                "CustomModelsTest.nestMlpFirstForwardDrawsPyTorchsWeights",
                                "CustomModelsTest.nestMlpForwardMatchesPyTorch",
                                "CustomModelsTest.nestMlpHasTheNotebookStructure",
                                "GeneratedNetworksTest.sequentialOnGeneratedNetworks",
                                "GeneratedNetworksTest.untiedCopyOnGeneratedNetworks",
                                "LazyInitializationTest.lazyNetAfterTheFirstForward",
                                "LazyInitializationTest.lazyNetBeforeTheFirstForward",
                                "LazyInitializationTest.lazyNetFirstForwardMatchesPyTorch",
                                "LazyInitializationTest.mismatchedLayersFailNamingTheShapes",
                                "ModulesTest.containersPrintLikePyTorch",
                                "ModulesTest.notebookNetMatchesPyTorch",
                                "ModulesTest.notebookRgnetMatchesPyTorch",
                                "ModulesTest.sequentialForwardChainsChildren",
                                "ModulesTest.sequentialGetIndexesByPosition",
                                "ModulesTest.sequentialNamesChildrenByPosition",
                                "SharedLayerTrainingTest.sharedMlpIsPyTorchsNetwork",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions",
                                "TiedParametersTest.anEditThroughOnePositionIsSeenAtTheOther",
                                "TiedParametersTest.lazyTiedNetMatchesPyTorch",
                                "TiedParametersTest.sgdStepsOnTheTiedNetwork",
                                "TiedParametersTest.sharedGradientIsTheSumOfBothUses",
                                "TiedParametersTest.sharedParametersInNamedParametersAndStateDict",
                                "TiedParametersTest.tiedNetHasOneLayerAtTwoPlaces",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses"),
                        edit("Sequential.java", "addModule(String.valueOf(i), modules[i]);",
                                "addModule(String.valueOf(i), modules[modules.length - 1 - i]);")),
                broken("sequential-get-over-distinct-children", "1.4",
                        "Sequential.get counts positions among children() (each module once), not registrations",
                        "every registration",
                        List.of("GeneratedNetworksTest.sequentialOnGeneratedNetworks",
                                "GeneratedNetworksTest.untiedCopyOnGeneratedNetworks",
                                "ModulesTest.sequentialNamesChildrenByPosition",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions"),
                        edit("Sequential.java", "List<Module> children = new ArrayList<>(module.registeredModules().values());",
                                "List<Module> children = module.children();")),
                broken("getSubmodule-stops-one-short", "2.1",
                        "getSubmodule walks all names but the last, as getParameter must, and returns the parent",
                        "getSubmodule",
                        List.of("GeneratedNetworksTest.targetedAccessOnGeneratedNetworks",
                                "InvariantsTest.targetedAccessReachesEveryPath",
                                "ParameterAccessTest.dataSharesValuesAndGradStartsEmpty",
                                "ParameterAccessTest.getParameterReachesNestedParameters",
                                "ParameterAccessTest.targetedAccessExplainsAMissingName",
                                "ParameterAccessTest.targetedAccessReachesASharedLayerByEveryPath"),
                        edit("Module.java", "        for (String name : target.split(\"\\\\.\", -1)) {\n"
                                        + "            Module child = module.modules.get(name);",
                                "        String[] names = target.split(\"\\\\.\", -1);\n"
                                        + "        for (String name : java.util.Arrays.copyOf(names, names.length - 1)) {\n"
                                        + "            Module child = module.modules.get(name);")),
                broken("getSubmodule-of-the-empty-path-is-null", "2.1",
                        "getSubmodule(\"\") returns null instead of the module itself", "the module itself",
                        List.of("GeneratedNetworksTest.targetedAccessOnGeneratedNetworks",
                                "InvariantsTest.targetedAccessReachesEveryPath",
                                "ParameterAccessTest.getParameterReachesNestedParameters"),
                        edit("Module.java", "        if (target.isEmpty()) {\n            return module;",
                                "        if (target.isEmpty()) {\n            return null;")),
                broken("namedParameters-wraps-copies", "2.2",
                        "namedParameters wraps each parameter's values in a new Parameter", "not a copy",
                        List.of("GeneratedNetworksTest.namedParametersOnGeneratedNetworks",
                                "GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "GeneratedNetworksTest.zeroGradOnGeneratedNetworks",
                                "InvariantsTest.parametersListEachParameterOnce",
                                "InvariantsTest.zeroGradClearsEveryParameter",
                                "ParameterAccessTest.namedParametersOfNet",
                                "ParameterAccessTest.parametersInOrder",
                                "SharedLayerTrainingTest.trainingGradientsMatchPyTorch",
                                "SharedLayerTrainingTest.trainingLossesMatchPyTorch",
                                "SharedLayerTrainingTest.trainingParametersMatchPyTorch",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses",
                                "TiedParametersTest.zeroGradClearsEveryGradient"),
                        edit("Module.java", "                    named.put(prefix + p.getKey(), p.getValue());",
                                "                    named.put(prefix + p.getKey(), new Parameter(p.getValue().data()));")),
                broken("children-in-reverse-order", "2.3", "children() lists the direct children last to first",
                        "children()",
                        List.of("GeneratedNetworksTest.walksOnGeneratedNetworks",
                                "InvariantsTest.modulesListEachModuleOnce",
                                "ParameterAccessTest.sharedModulesAreListedOnce"),
                        edit("Module.java", "        return new ArrayList<>(namedChildren().values());",
                                "        List<Module> children = new ArrayList<>(namedChildren().values());\n"
                                        + "        Collections.reverse(children);\n"
                                        + "        return children;")),
                broken("kaiming-empty-returns-a-new-tensor", "3.3",
                        "Init.kaimingUniform_ returns a new empty tensor for a tensor with no elements", "returns it",
                        List.of("InitializationTest.kaimingUniformMatchesPyTorch"),
                        edit("Init.java", "        if (tensor.numel() == 0) {\n            return tensor;",
                                "        if (tensor.numel() == 0) {\n            return Tensor.zeros(tensor.shape().toArray());")),
                broken("apply-returns-null", "3.4", "Module.apply returns null instead of the module", "return the module itself",
                        List.of("GeneratedNetworksTest.applyOnGeneratedNetworks",
                                "InitializationTest.applyVisitsASharedLayerOnce",
                                "InitializationTest.applyVisitsNetAsPyTorch",
                                "InitializationTest.applyVisitsRgnetAsPyTorch",
                                "InvariantsTest.applyVisitsChildrenFirst"),
                        edit("Module.java", "        fn.accept(this);\n        return this;",
                                "        fn.accept(this);\n        return null;")),
                broken("initNormal-registers-a-new-weight", "3.5",
                        "init_normal registers a new weight drawn from N(0, 0.01) instead of filling the old one",
                        "in place",
                        List.of("GeneratedNetworksTest.notebookInitializersOnGeneratedNetworks",
                                "InitializationTest.initNormalMatchesPyTorch"),
                        edit("Initialization.java", "            Init.normal_(linear.weight(), 0, 0.01);\n"
                                        + "            Init.zeros_(linear.bias());",
                                "            linear.setParameters(linear.inFeatures(), (Parameter) Init.normal_(\n"
                                        + "                    new Parameter(Tensor.zeros(linear.outFeatures(), linear.inFeatures())), 0, 0.01),\n"
                                        + "                    linear.bias());\n"
                                        + "            Init.zeros_(linear.bias());")),
                broken("directEdits-registers-a-new-weight", "3.5",
                        "directEdits registers an edited copy of the weight instead of editing it", "in place",
                        List.of("GeneratedNetworksTest.notebookInitializersOnGeneratedNetworks",
                                "InitializationTest.directEditsMatchPyTorch"),
                        edit("Initialization.java", "        Tensor w = layer.weight().data();\n"
                                        + "        w.add_(1f);\n"
                                        + "        w.set(42f, 0, 0);",
                                "        Tensor w = layer.weight().data().clone();\n"
                                        + "        w.add_(1f);\n"
                                        + "        w.set(42f, 0, 0);\n"
                                        + "        layer.setParameters(layer.inFeatures(), new Parameter(w), layer.bias());")),
                broken("lazyLinear-redraws-at-every-forward", "4.1",
                        "LazyLinear re-creates and redraws its parameters at every forward (keeping the width)",
                        "initialize only once",
                        List.of("CustomModelsTest.chimeraForwardMatchesPyTorch",
                                "CustomModelsTest.chimeraMatchesPyTorch",
                                "CustomModelsTest.chimeraParameterAccessMatchesPyTorch",
                                "CustomModelsTest.fixedHiddenFirstForwardMatchesPyTorch",
                                "CustomModelsTest.fixedHiddenGradientMatchesPyTorch",
                                "CustomModelsTest.fixedHiddenLoopMatchesPyTorch",
                                "CustomModelsTest.nestMlpForwardMatchesPyTorch",
                                "GeneratedNetworksTest.lazyLayersInGeneratedNetworks",
                                "LazyInitializationTest.aLaterInputOfAnotherWidthIsAnError",
                                "LazyInitializationTest.afterTheFirstForwardItIsALinear",
                                "LazyInitializationTest.lazyNetAfterTheFirstForward",
                                "TiedParametersTest.lazyTiedNetMatchesPyTorch"),
                        edit("LazyLinear.java", "        initializeParameters(x);\n        return super.forward(x);",
                                "        if (!hasUninitializedParameters()) {\n"
                                        + "            setParameters(inFeatures(), new Parameter(Tensor.zeros(outFeatures(), inFeatures())),\n"
                                        + "                    new Parameter(Tensor.zeros(outFeatures())));\n"
                                        + "            resetParameters();\n"
                                        + "        }\n"
                                        + "        initializeParameters(x);\n"
                                        + "        return super.forward(x);")),
                broken("lazy-bias-returns-the-weight", "4.2", "LazyLinear.bias() returns the weight (a copy-paste slip)",
                        "bias",
                        List.of("CustomModelsTest.chimeraParameterAccessMatchesPyTorch",
                                "LazyInitializationTest.readingAnUninitializedParameterIsAClearError"),
                        edit("LazyLinear.java", "        requireInitialized(\"bias\");\n        return super.bias();",
                                "        requireInitialized(\"bias\");\n        return super.weight();")),
                broken("nestMlp-net-field-is-another-object", "6.1",
                        "NestMLP registers one Sequential as net and keeps another in its field", "NestMLP",
                        List.of("CustomModelsTest.chimeraForwardMatchesPyTorch",
                                "CustomModelsTest.chimeraMatchesPyTorch",
                                "CustomModelsTest.chimeraParameterAccessMatchesPyTorch",
                                "CustomModelsTest.nestMlpFirstForwardDrawsPyTorchsWeights",
                                "CustomModelsTest.nestMlpForwardMatchesPyTorch",
                                "CustomModelsTest.nestMlpHasTheNotebookStructure"),
                        edit("NestMLP.java", "        this.net = addModule(\"net\", new Sequential(new LazyLinear(64), new ReLU(), "
                                        + "new LazyLinear(32), new ReLU()));",
                                "        addModule(\"net\", new Sequential(new LazyLinear(64), new ReLU(), new LazyLinear(32), "
                                        + "new ReLU()));\n"
                                        + "        this.net = new Sequential(new LazyLinear(64), new ReLU(), new LazyLinear(32), "
                                        + "new ReLU());")),
                broken("nestMlp-linear-field-is-another-object", "6.1",
                        "NestMLP registers one LazyLinear as linear and keeps another in its field", "NestMLP",
                        List.of("CustomModelsTest.chimeraForwardMatchesPyTorch",
                                "CustomModelsTest.chimeraMatchesPyTorch",
                                "CustomModelsTest.chimeraParameterAccessMatchesPyTorch",
                                "CustomModelsTest.nestMlpFirstForwardDrawsPyTorchsWeights",
                                "CustomModelsTest.nestMlpForwardMatchesPyTorch",
                                "CustomModelsTest.nestMlpHasTheNotebookStructure"),
                        edit("NestMLP.java", "        this.linear = addModule(\"linear\", new LazyLinear(16));",
                                "        addModule(\"linear\", new LazyLinear(16));\n"
                                        + "        this.linear = new LazyLinear(16);")),
                broken("sharedMlp-two-equal-layers", "7.1",
                        "sharedMlp builds two Linear(8, 8) with equal values instead of one shared layer", "shared",
                        List.of("SharedLayerTrainingTest.sharedMlpIsPyTorchsNetwork",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions"),
                        edit("SharedLayerTraining.java",
                                "        return new Sequential(new Linear(4, 8), new ReLU(), shared, new ReLU(), shared, new ReLU(), new Linear(8, 1));",
                                "        Linear copy = new Linear(8, 8);\n"
                                        + "        copy.weight().data().copy_(shared.weight().data());\n"
                                        + "        copy.bias().data().copy_(shared.bias().data());\n"
                                        + "        return new Sequential(new Linear(4, 8), new ReLU(), shared, new ReLU(), copy, new ReLU(), new Linear(8, 1));")),
                broken("untiedCopy-copies-only-the-repeat", "7.1",
                        "untiedCopy keeps the shared layer at its first position and copies only the repeated one", "untied",
                        List.of("GeneratedNetworksTest.untiedCopyOnGeneratedNetworks",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions"),
                        edit("SharedLayerTraining.java", "            if (child instanceof Linear linear) {",
                                "            if (child instanceof Linear linear && java.util.Arrays.asList(copies).contains(child)) {")),
                broken("quiz-question3-incomplete", "7.2", "question 3 of the quiz answered A and B, leaving out C",
                        "question3",
                        List.of("SharedLayerTrainingTest.quizQuestion3"),
                        edit("WhyShareParameters.java", "return EnumSet.of(Option.A, Option.B, Option.C);",
                                "return EnumSet.of(Option.A, Option.B);")),
                // --- the whole domain (WholeDomainTest): right on the notebook's inputs, wrong elsewhere ---------
                broken("relu-maps-nan-to-zero", "1.3",
                        "ReLU.forward computes x > 0 ? x : 0 element by element into a new tensor: NaN becomes 0 (and "
                                + "autograd no longer reaches x)", "ReLU",
                        List.of("GeneratedNetworksTest.reluOnGeneratedNetworks",
                                "ModulesTest.reluLeavesItsInputAndPassesTheGradient",
                                "SharedLayerTrainingTest.untiedCopyShowsTheTwoContributions",
                                "TiedParametersTest.sgdStepsOnTheTiedNetwork",
                                "TiedParametersTest.sharedGradientIsTheSumOfBothUses",
                                "TiedParametersTest.zeroGradBetweenBackwardPasses",
                                "WholeDomainTest.reluOnTheWholeDomain"),
                        edit("ReLU.java", "return x.relu();",
                                "float[] v = x.toArray();\n"
                                        + "        for (int i = 0; i < v.length; i++) {\n"
                                        + "            v[i] = v[i] > 0 ? v[i] : 0;\n"
                                        + "        }\n"
                                        + "        return Tensor.of(v, x.shape().toArray());")),
                broken("relu-as-mask", "1.3", "ReLU.forward is x * (x > 0): -inf * 0 is NaN where PyTorch's relu gives 0",
                        "ReLU",
                        List.of("WholeDomainTest.reluOnTheWholeDomain"),
                        edit("ReLU.java", "return x.relu();", "return x.mul(x.gt(0f));")),
                broken("fans-without-receptive-field", "3.2",
                        "calculateFanInAndFanOut ignores the receptive field: a [out, in, kh, kw] weight gets fans in and out",
                        "fan",
                        List.of("InitializationTest.fansMatchPyTorch",
                                "InitializationTest.kaimingUniformMatchesPyTorch",
                                "InitializationTest.xavierNormalMatchesPyTorch",
                                "InitializationTest.xavierUniformMatchesPyTorch",
                                "WholeDomainTest.fansOnTheWholeDomain",
                                "WholeDomainTest.kaimingOnTheWholeDomain",
                                "WholeDomainTest.xavierOnTheWholeDomain"),
                        edit("Init.java", "receptiveField *= tensor.size(d);", "receptiveField *= 1;")),
                broken("gain-ignores-case", "3.3",
                        "Init.calculateGain lowers the name first, so it gives \"ReLU\" a gain where PyTorch refuses it",
                        "nonlinearity",
                        List.of("WholeDomainTest.gainsOnTheWholeDomain"),
                        edit("Init.java", "        if (LINEAR_FUNCTIONS.contains(nonlinearity) || \"sigmoid\".equals(nonlinearity)) {",
                                "        nonlinearity = nonlinearity.toLowerCase(Locale.ROOT);\n"
                                        + "        if (LINEAR_FUNCTIONS.contains(nonlinearity) || \"sigmoid\".equals(nonlinearity)) {")),
                broken("kaiming-ignores-mode", "3.3", "kaimingUniform_ always uses fan_in, whatever the mode", "mode",
                        List.of("InitializationTest.kaimingStatistics",
                                "InitializationTest.kaimingUniformMatchesPyTorch",
                                "WholeDomainTest.kaimingOnTheWholeDomain"),
                        edit("Init.java", "int fan = m.equals(\"fan_in\") ? fans.fanIn() : fans.fanOut();", "int fan = fans.fanIn();")),
                broken("mse-mean-over-rows", "7.1",
                        "mseLoss divides the summed squared errors by the number of rows instead of the number of elements",
                        "mseLoss",
                        List.of("GeneratedNetworksTest.trainingOnGeneratedNetworks",
                                "WholeDomainTest.mseLossOnTheWholeDomain"),
                        edit("SharedLayerTraining.java", ".pow(2f).mean();", ".pow(2f).sum().div((float) yHat.size(0));")));
    }
}
