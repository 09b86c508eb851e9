package org.paramlab.grader.promises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.doctree.BlockTagTree;
import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EndElementTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.doctree.ThrowsTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;

/**
 * The sentences of the student API's javadoc that promise behaviour a test can check, read with the
 * JDK's own doc-comment API ({@code com.sun.source.util.DocTrees}) from the stubs students read:
 * every {@code @throws}, and every sentence that says something changes nothing, accepts something,
 * names something, or gives back the same object.
 */
final class JavadocPromises {

    /** What a sentence promises. */
    enum Kind {
        /** An {@code @throws} clause: this input is refused with this exception. */
        THROWS("throws"),
        /** Nothing changes (is copied, drawn, printed) in some case; something is left alone. */
        NOTHING("nothing changes"),
        /** An input is accepted (e.g. upper-case mode names). */
        ACCEPTS("accepts"),
        /** A message or output names something (a module, a shape, a width). */
        NAMES("names"),
        /** The result is the same object, the object itself, not a copy. */
        SAME_OBJECT("same object");

        final String word;

        Kind(String word) {
            this.word = word;
        }

        static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no promise kind '" + word + "'; kinds: "
                    + Stream.of(values()).map(k -> k.word).collect(Collectors.joining(", ")));
        }
    }

    /**
     * One promise.
     *
     * @param member   where it is written: {@code Module.getSubmodule(String)}, a constructor
     *                 {@code Linear(int, int)}, or a class {@code LazyLinear}
     * @param kinds    what it promises
     * @param text     the sentence, as plain text on one line
     * @param exercise the exercise whose stub the member is ({@code "2.1"}), {@code "given"} for code the
     *                 student does not write, or {@code null} for a class's own comment
     */
    record Promise(String member, Set<Kind> kinds, String text, String exercise) {

        /** The kinds as the map writes them: {@code throws, names}. */
        String kindWords() {
            return kinds.stream().map(k -> k.word).collect(Collectors.joining(", "));
        }
    }

    private static final Map<Kind, Pattern> SENTENCE_KINDS = new LinkedHashMap<>();

    static {
        SENTENCE_KINDS.put(Kind.NOTHING, Pattern.compile(
                "\\bnothing\\b|\\bleft alone\\b|\\bleft as it is\\b|\\bleaves? (?:the )?\\w+ (?:alone|as it is)\\b"
                        + "|\\bunchanged\\b|\\bchanges nothing\\b|\\bnot (?:drawn|copied|registered) again\\b",
                Pattern.CASE_INSENSITIVE));
        SENTENCE_KINDS.put(Kind.ACCEPTS, Pattern.compile("\\baccept(?:s|ed)?\\b", Pattern.CASE_INSENSITIVE));
        SENTENCE_KINDS.put(Kind.NAMES, Pattern.compile("\\b(?:names|naming|name) (?:the|both)\\b",
                Pattern.CASE_INSENSITIVE));
        SENTENCE_KINDS.put(Kind.SAME_OBJECT, Pattern.compile(
                "\\bsame (?:\\w+ )?objects?\\b|\\bitself\\b|\\bnot a copy\\b|\\bnot copied\\b", Pattern.CASE_INSENSITIVE));
    }

    /** An {@code @return} that gives back what it was given or was called on: {@code tensor}, {@code this module}. */
    private static final Pattern RETURNS_ITS_ARGUMENT = Pattern.compile(
            "^(?:tensor|module|parameter|this module)\\b");

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?:;])\\s+(?=[A-Z({\"`<])");

    private JavadocPromises() {
    }

    /** The promises of every {@code .java} file in {@code dir}, file by file in name order. */
    static List<Promise> read(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this JVM (a JRE instead of a JDK?)");
        }
        List<Promise> promises = new ArrayList<>();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, manager, null, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Scanner(docs, promises).scan(unit, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return promises;
    }

    /** Visits classes, methods, constructors and fields, reading each one's doc comment. */
    private static final class Scanner extends TreePathScanner<Void, Void> {

        private final DocTrees docs;
        private final List<Promise> out;
        private final List<String> classes = new ArrayList<>();

        Scanner(DocTrees docs, List<Promise> out) {
            this.docs = docs;
            this.out = out;
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            classes.add(node.getSimpleName().toString());
            String name = String.join(".", classes);
            if (!node.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
                collect(name, getCurrentPath(), null);
            }
            try {
                return super.visitClass(node, unused);
            } finally {
                classes.remove(classes.size() - 1);
            }
        }

        @Override
        public Void visitMethod(MethodTree node, Void unused) {
            if (node.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
                return null;
            }
            String owner = String.join(".", classes);
            String simple = classes.get(classes.size() - 1);
            String name = node.getName().contentEquals("<init>") ? simple : owner + "." + node.getName();
            String parameters = node.getParameters().stream().map(p -> p.getType().toString())
                    .map(t -> t.replaceAll("<.*>", "")).collect(Collectors.joining(", "));
            collect((node.getName().contentEquals("<init>") ? owner.substring(0, owner.length() - simple.length()) : "")
                    + name + "(" + parameters + ")", getCurrentPath(), stubExercise(node));
            return null;
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree
                    && !node.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
                collect(String.join(".", classes) + "." + node.getName(), getCurrentPath(), "given");
            }
            return null;
        }

        private void collect(String member, TreePath path, String exercise) {
            DocCommentTree comment = docs.getDocCommentTree(path);
            if (comment == null) {
                return;
            }
            String description = text(comment.getFullBody());
            for (String sentence : SENTENCE_END.split(description)) {
                add(member, sentence, exercise, null);
            }
            for (DocTree tag : comment.getBlockTags()) {
                if (tag instanceof ThrowsTree t) {
                    add(member, "@throws " + t.getExceptionName() + " " + text(t.getDescription()), exercise, Kind.THROWS);
                } else if (tag instanceof ReturnTree r) {
                    String returned = text(r.getDescription());
                    for (String sentence : SENTENCE_END.split(returned)) {
                        add(member, "@return " + sentence, exercise, RETURNS_ITS_ARGUMENT.matcher(returned).find()
                                ? Kind.SAME_OBJECT : null);
                    }
                } else if (tag instanceof ParamTree p) {
                    for (String sentence : SENTENCE_END.split(text(p.getDescription()))) {
                        add(member, "@param " + p.getName() + " " + sentence, exercise, null);
                    }
                } else if (tag instanceof BlockTagTree) {
                    // @see, @author and the like promise nothing.
                }
            }
        }

        /** Adds the sentence if it promises anything: {@code given} is a kind its tag already says. */
        private void add(String member, String sentence, String exercise, Kind given) {
            // A left-out <pre> block leaves ". ." behind: one stop is enough.
            String text = sentence.strip().replaceAll("\\s+", " ").replaceAll("([.:;,])(\\s*\\.)+", "$1");
            if (text.isEmpty()) {
                return;
            }
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            if (given != null) {
                kinds.add(given);
            }
            SENTENCE_KINDS.forEach((kind, pattern) -> {
                if (pattern.matcher(text).find()) {
                    kinds.add(kind);
                }
            });
            if (!kinds.isEmpty()) {
                out.add(new Promise(member, kinds, text, exercise));
            }
        }

        /**
         * The exercise whose stub this method is, from its {@code throw new NotImplementedException("2.1
         * ...")}; {@code "given"} for a method with a body of its own.
         */
        private static String stubExercise(MethodTree method) {
            String[] found = {null};
            if (method.getBody() == null) {
                return "given";
            }
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitNewClass(NewClassTree node, Void unused) {
                    if (node.getIdentifier().toString().endsWith("NotImplementedException")
                            && !node.getArguments().isEmpty()
                            && node.getArguments().get(0).getKind() == Tree.Kind.STRING_LITERAL) {
                        Object value = ((com.sun.source.tree.LiteralTree) node.getArguments().get(0)).getValue();
                        found[0] = String.valueOf(value).split(" ", 2)[0];
                    }
                    return super.visitNewClass(node, unused);
                }
            }.scan(method.getBody(), null);
            return found[0] == null ? "given" : found[0];
        }
    }

    /** A doc comment's text without markup: {@code {@code x}} is x, {@code {@link A#b}} is its label or b. */
    static String text(List<? extends DocTree> trees) {
        StringBuilder sb = new StringBuilder();
        boolean inCode = false;
        for (DocTree tree : trees) {
            // A <pre> block is an example (code, printed output), not a sentence: left out.
            if (tree instanceof StartElementTree s && s.getName().contentEquals("pre")) {
                inCode = true;
                sb.append(". ");
                continue;
            }
            if (tree instanceof EndElementTree e && e.getName().contentEquals("pre")) {
                inCode = false;
                sb.append(' ');
                continue;
            }
            if (inCode) {
                continue;
            }
            if (tree instanceof TextTree t) {
                sb.append(t.getBody());
            } else if (tree instanceof LiteralTree l) {
                sb.append(l.getBody().getBody());
            } else if (tree instanceof LinkTree l) {
                if (!l.getLabel().isEmpty()) {
                    sb.append(text(l.getLabel()));
                } else {
                    String ref = l.getReference().getSignature();
                    sb.append(ref.startsWith("#") ? ref.substring(1) : ref.replace('#', '.'));
                }
            } else if (tree instanceof EntityTree e) {
                sb.append(switch (e.getName().toString()) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    default -> "";
                });
            } else if (tree instanceof StartElementTree s && s.getName().contentEquals("li")) {
                sb.append(' ');
            } else if (tree.getKind() == DocTree.Kind.END_ELEMENT || tree.getKind() == DocTree.Kind.START_ELEMENT) {
                sb.append(' ');
            } else {
                sb.append(tree.toString());
            }
        }
        return sb.toString().replaceAll("\\s+", " ").strip();
    }
}
