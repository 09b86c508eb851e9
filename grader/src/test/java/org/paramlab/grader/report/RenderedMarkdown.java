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
 * raw HTML kept, not escaped) with commonmark-java, then parses the HTML as a browser would with jsoup: what
 * the escaping tests look at.
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
