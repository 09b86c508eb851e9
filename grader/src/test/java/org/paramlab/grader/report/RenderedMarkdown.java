package org.paramlab.grader.report;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeVisitor;

/**
 * Renders Markdown as GitHub does (CommonMark with the GFM tables, strikethrough, autolinks and task lists;
 * raw HTML kept, not escaped) with commonmark-java, and with GitHub's own {@code cmark-gfm} where it is
 * installed, then parses the HTML as a browser would with jsoup: what the escaping tests look at.
 */
public final class RenderedMarkdown {

    private static final List<Extension> GFM = List.of(TablesExtension.create(), StrikethroughExtension.create(),
            AutolinkExtension.create(), TaskListItemsExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(GFM).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(GFM).escapeHtml(false)
            .sanitizeUrls(false).build();

    private RenderedMarkdown() {
    }

    /**
     * @param markdown a Markdown text
     * @return the page GitHub would show, parsed
     */
    public static Document render(String markdown) {
        return Jsoup.parseBodyFragment(RENDERER.render(PARSER.parse(markdown)));
    }

    /**
     * @param markdown a Markdown text
     * @return the page GitHub's own renderer, {@code cmark-gfm} (Debian's package, raw HTML on with
     *         {@code --unsafe}), makes of it, parsed; empty when {@code cmark-gfm} is not installed
     */
    public static java.util.Optional<Document> renderWithCmarkGfm(String markdown) {
        if (CMARK_GFM == null) {
            return java.util.Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(CMARK_GFM.toString(), "--unsafe", "-e", "table", "-e",
                    "strikethrough", "-e", "autolink", "-e", "tasklist").redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // written from another thread: cmark-gfm may start writing before it has read everything
            Thread writer = new Thread(() -> {
                try (var in = process.getOutputStream()) {
                    in.write(markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            String html = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            writer.join();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("cmark-gfm failed with exit status " + process.exitValue());
            }
            return java.util.Optional.of(Jsoup.parseBodyFragment(html));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.nio.file.Path CMARK_GFM = java.util.stream.Stream.of(
                    System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .filter(dir -> !dir.isEmpty()).map(dir -> java.nio.file.Path.of(dir, "cmark-gfm"))
            .filter(java.nio.file.Files::isExecutable).findFirst().orElse(null);

    /**
     * @param page a parsed page
     * @return the tag of every element of its body, in document order: the page's structure
     */
    public static List<String> structure(Document page) {
        List<String> tags = new ArrayList<>();
        for (Element e : page.body().getAllElements()) {
            tags.add(e.tagName());
        }
        return tags;
    }

    /**
     * @param page a parsed page
     * @return every comment in it (an open {@code <!--} that hides the rest of a page is one)
     */
    public static List<String> comments(Document page) {
        List<String> comments = new ArrayList<>();
        page.traverse((NodeVisitor) (Node node, int depth) -> {
            if (node instanceof Comment comment) {
                comments.add(comment.getData());
            }
        });
        return comments;
    }
}
