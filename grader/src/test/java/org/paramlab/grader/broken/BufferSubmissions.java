package org.paramlab.grader.broken;

import static org.paramlab.grader.broken.BrokenSubmissions.edit;

import java.util.List;

import org.paramlab.grader.broken.BrokenSubmission.Edit;

/**
 * Broken submissions of group 8, buffers: the mistakes PyTorch users make with {@code register_buffer} and the state
 * dict. Each is graded by the buffers assignment's test class alone ({@link SubmissionGrader#BUFFERS}); the chapter
 * cannot see them, because none of its modules has a buffer ({@code BrokenSubmissionsTest.theChapterWithoutBuffersKeepsFullMarks}
 * checks that a chapter without any of group 8 keeps its 100 points).
 */
final class BufferSubmissions {

    private BufferSubmissions() {
    }

    /** The call that the solution's stateDict makes for a module with buffers (exercise 2.4's private helper). */
    static final String SAVE_CALL = "        if (!buffers.isEmpty()) { // only a module with buffers reaches exercise 8.3: no module of the chapter has any\n"
            + "            saveBuffersToStateDict(prefix, out);\n"
            + "        }\n";

    static List<BrokenSubmission> all() {
        return List.of(
                buffers("buffers-as-parameters", "8.1",
                        "registerBuffer registers the tensor as a Parameter (the nn.Parameter(requires_grad=False) habit)",
                        "not a parameter",
                        List.of("BuffersTest.buffersAreNotParameters",
                                "BuffersTest.buffersInOrder",
                                "BuffersTest.loadStateDictLoadsBuffers",
                                "BuffersTest.loadStateDictNamesABufferOfTheWrongShape",
                                "BuffersTest.loadStateDictNamesMissingAndUnexpectedBuffers",
                                "BuffersTest.namedBuffersListsASharedBufferOnce",
                                "BuffersTest.namedBuffersOfBufferNet",
                                "BuffersTest.registerBufferKeepsTheTensorItself",
                                "BuffersTest.reregisteringABufferTakesTheNewPersistence",
                                "BuffersTest.stateDictHasASharedModulesBuffersUnderEveryPath",
                                "BuffersTest.stateDictLeavesOutNonPersistentBuffers",
                                "BuffersTest.stateDictSavesPersistentBuffersAfterParameters"),
                        edit("Module.java", "        buffers.put(name, tensor);\n",
                                "        registerParameter(name, new Parameter(tensor));\n")),
                buffers("buffers-registered-as-copies", "8.1", "registerBuffer keeps a copy of the tensor, not the tensor",
                        "not a copy",
                        List.of("BuffersTest.buffersInOrder",
                                "BuffersTest.loadStateDictLoadsBuffers",
                                "BuffersTest.namedBuffersOfBufferNet",
                                "BuffersTest.registerBufferKeepsTheTensorItself",
                                "BuffersTest.reregisteringABufferTakesTheNewPersistence",
                                "BuffersTest.stateDictBufferEntriesShareTheBuffers"),
                        edit("Module.java", "        buffers.put(name, tensor);\n", "        buffers.put(name, tensor.clone());\n")),
                buffers("buffers-java-words-for-a-taken-name", "8.1",
                        "registerBuffer refuses a parameter's name in its own words, not PyTorch's",
                        "PyTorch's rules",
                        List.of("BuffersTest.registerBufferRefusesBadNamesLikePyTorch"),
                        edit("Module.java", "throw new IllegalArgumentException(\"attribute '\" + name + \"' already exists\");",
                                "throw new IllegalArgumentException(\"cannot register buffer '\" + name + \"': the name is taken\");")),
                buffers("buffers-first-persistence-stays", "8.1",
                        "registering a buffer again as persistent leaves it non-persistent",
                        "last registration",
                        List.of("BuffersTest.reregisteringABufferTakesTheNewPersistence"),
                        edit("Module.java", "        if (persistent) {\n            nonPersistentBuffers.remove(name);\n        } else {",
                                "        if (persistent) {\n            // the first registration decides\n        } else {")),
                buffers("buffers-named-without-non-persistent", "8.2",
                        "namedBuffers leaves out the non-persistent buffers, as the state dict does",
                        "non-persistent",
                        List.of("BuffersTest.buffersInOrder",
                                "BuffersTest.namedBuffersListsASharedBufferOnce",
                                "BuffersTest.namedBuffersOfBufferNet",
                                "BuffersTest.reregisteringABufferTakesTheNewPersistence"),
                        edit("Module.java", "                if (seenBuffers.add(b.getValue())) {\n",
                                "                if (!module.getValue().nonPersistentBuffers.contains(b.getKey()) && seenBuffers.add(b.getValue())) {\n")),
                buffers("buffers-named-as-copies", "8.2", "namedBuffers holds copies of the buffers",
                        "not a copy",
                        List.of("BuffersTest.buffersInOrder",
                                "BuffersTest.namedBuffersOfBufferNet"),
                        edit("Module.java", "                    named.put(prefix + b.getKey(), b.getValue());",
                                "                    named.put(prefix + b.getKey(), b.getValue().clone());")),
                buffers("buffers-left-out-of-stateDict", "8.3",
                        "stateDict never calls saveBuffersToStateDict: the chapter's stateDict, unchanged",
                        "persistent buffers",
                        List.of("BuffersTest.loadStateDictLoadsBuffers",
                                "BuffersTest.loadStateDictNamesABufferOfTheWrongShape",
                                "BuffersTest.loadStateDictNamesMissingAndUnexpectedBuffers",
                                "BuffersTest.reregisteringABufferTakesTheNewPersistence",
                                "BuffersTest.stateDictBufferEntriesShareTheBuffers",
                                "BuffersTest.stateDictHasASharedModulesBuffersUnderEveryPath",
                                "BuffersTest.stateDictSavesPersistentBuffersAfterParameters"),
                        edit("Module.java", SAVE_CALL, "")),
                buffers("buffers-non-persistent-saved", "8.3", "saveBuffersToStateDict saves the non-persistent buffers too",
                        "persistent",
                        List.of("BuffersTest.loadStateDictLoadsBuffers",
                                "BuffersTest.loadStateDictNamesABufferOfTheWrongShape",
                                "BuffersTest.loadStateDictNamesMissingAndUnexpectedBuffers",
                                "BuffersTest.reregisteringABufferTakesTheNewPersistence",
                                "BuffersTest.stateDictHasASharedModulesBuffersUnderEveryPath",
                                "BuffersTest.stateDictLeavesOutNonPersistentBuffers",
                                "BuffersTest.stateDictSavesPersistentBuffersAfterParameters"),
                        edit("Module.java", "            if (!nonPersistentBuffers.contains(b.getKey())) {\n                destination.put(",
                                "            if (true) {\n                destination.put(")),
                buffers("buffers-after-children", "8.3", "stateDict saves a module's buffers after its children's entries",
                        "then its children",
                        List.of("BuffersTest.stateDictSavesPersistentBuffersAfterParameters"),
                        edit("Module.java", SAVE_CALL, ""),
                        edit("Module.java", "            child.getValue().collectState(prefix + child.getKey() + \".\", out);\n        }\n",
                                "            child.getValue().collectState(prefix + child.getKey() + \".\", out);\n        }\n" + SAVE_CALL)),
                buffers("buffers-not-loaded", "8.3", "loadStateDict checks the buffers' keys but copies only the parameters",
                        "load_state_dict copies",
                        List.of("BuffersTest.loadStateDictLoadsBuffers"),
                        edit("Module.java", "            entry.getValue().copy_(stateDict.get(entry.getKey()));",
                                "            if (!namedBuffers().containsKey(entry.getKey())) {\n"
                                        + "                entry.getValue().copy_(stateDict.get(entry.getKey()));\n            }")),
                buffers("buffers-replaced-by-loading", "8.3",
                        "loadStateDict registers the loaded tensors as the buffers instead of copying into them",
                        "does not replace",
                        List.of("BuffersTest.loadStateDictLoadsBuffers"),
                        edit("Module.java", "            entry.getValue().copy_(stateDict.get(entry.getKey()));",
                                "            String key = entry.getKey();\n"
                                        + "            int dot = key.lastIndexOf('.');\n"
                                        + "            Module owner = getSubmodule(dot < 0 ? \"\" : key.substring(0, dot));\n"
                                        + "            String name = key.substring(dot + 1);\n"
                                        + "            if (owner.buffers.containsKey(name)) {\n"
                                        + "                owner.buffers.put(name, stateDict.get(key).clone());\n"
                                        + "            } else {\n"
                                        + "                entry.getValue().copy_(stateDict.get(key));\n"
                                        + "            }")));
    }

    private static BrokenSubmission buffers(String id, String exercise, String defect, String concept, List<String> fails,
                                            Edit... edits) {
        return new BrokenSubmission(id, exercise, defect, List.of(edits), java.util.Set.copyOf(fails), concept,
                SubmissionGrader.BUFFERS);
    }
}
