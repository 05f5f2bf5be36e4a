package org.trendpress.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

import com.helger.css.ECSSVersion;
import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSDeclarationList;
import com.helger.css.decl.CSSSelector;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.reader.CSSReader;
import com.helger.css.reader.CSSReaderDeclarationList;
import com.helger.css.reader.errorhandler.ThrowingCSSParseErrorHandler;
import com.helger.css.writer.CSSWriter;
import com.helger.css.writer.CSSWriterSettings;

/**
 * Moves an HTML email's stylesheet into {@code style} attributes, because several mail clients
 * (Gmail among them, in some views) drop or ignore {@code <style>} blocks. The one CSS-inlining
 * step of Trendpress: templates are written with classes and one {@code <style>}, this class
 * writes the inline styles at render time.
 *
 * <p>What it does, in order: parses every {@code <style>} element of the document with ph-css
 * (a CSS syntax error is refused, never silently dropped); applies each plain style rule to the
 * elements its selectors match (jsoup selectors), in the cascade's order — specificity, then
 * source order, {@code !important} winning over normal declarations — below whatever the element's
 * own {@code style} attribute already says; keeps what cannot be inlined ({@code @media} rules such
 * as {@code prefers-color-scheme}, pseudo-classes like {@code :hover}) in one {@code <style>}
 * element in the head, for the clients that support it; and removes every class name the kept
 * CSS does not use. Declarations keep their first position and take their last value.
 *
 * <p>Deterministic and stateless: the same HTML gives the same bytes; thread-safe.
 */
public final class CssInliner {

    private static final Pattern CLASS_IN_CSS = Pattern.compile("\\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)");
    private static final Pattern NOT_INLINABLE = Pattern.compile(":");

    private CssInliner() {}

    /** One declaration as it will be written: value with its importance. */
    private record Decl(String value, boolean important) {}

    /** One selector of a style rule, ready to apply. */
    private record Applicable(String selector, int specificity, int order, List<CSSDeclaration> declarations) {}

    /**
     * @param html a whole HTML document with zero or more {@code <style>} elements
     * @return the document with the styles inlined, serialised as HTML in UTF-8
     * @throws IllegalArgumentException if a stylesheet or a style attribute cannot be parsed, or a
     *                                  selector is not one jsoup understands
     */
    public static String inline(String html) {
        Document doc = Jsoup.parse(html);
        doc.outputSettings().prettyPrint(false).charset("UTF-8");

        List<Applicable> applicable = new ArrayList<>();
        CascadingStyleSheet kept = new CascadingStyleSheet();
        CSSWriterSettings compact = new CSSWriterSettings(ECSSVersion.CSS30, true);
        int order = 0;
        for (Element style : doc.select("style")) {
            CascadingStyleSheet sheet = parse(style.data());
            for (ICSSTopLevelRule rule : sheet.getAllRules()) {
                if (!(rule instanceof CSSStyleRule styleRule)) {
                    kept.addRule(rule); // @media, @font-face, ...: only clients can apply them
                    continue;
                }
                CSSStyleRule keep = new CSSStyleRule();
                for (CSSSelector selector : styleRule.getAllSelectors()) {
                    String text = selector.getAsCSSString(compact, 0);
                    if (NOT_INLINABLE.matcher(text).find()) {
                        keep.addSelector(selector);
                    } else {
                        applicable.add(new Applicable(text, specificity(text), order++,
                                styleRule.getAllDeclarations()));
                    }
                }
                if (keep.hasSelectors()) {
                    styleRule.getAllDeclarations().forEach(keep::addDeclaration);
                    kept.addRule(keep);
                }
            }
            style.remove();
        }
        applicable.sort(Comparator.comparingInt(Applicable::specificity).thenComparingInt(Applicable::order));

        Map<Element, Map<String, Decl>> styles = new IdentityHashMap<>();
        List<Element> touched = new ArrayList<>();
        for (Applicable a : applicable) {
            List<Element> matched;
            try {
                matched = doc.select(a.selector());
            } catch (Selector.SelectorParseException e) {
                throw new IllegalArgumentException("selector not understood: " + a.selector(), e);
            }
            for (Element element : matched) {
                Map<String, Decl> map = styles.get(element);
                if (map == null) {
                    map = new LinkedHashMap<>();
                    styles.put(element, map);
                    touched.add(element);
                }
                for (CSSDeclaration d : a.declarations()) {
                    put(map, d.getProperty(), new Decl(d.getExpressionAsCSSString(), d.isImportant()), false);
                }
            }
        }
        for (Element element : touched) {
            Map<String, Decl> map = styles.get(element);
            if (element.hasAttr("style")) { // the element's own declarations come last in the cascade
                for (CSSDeclaration d : parseDeclarations(element.attr("style"))) {
                    put(map, d.getProperty(), new Decl(d.getExpressionAsCSSString(), d.isImportant()), true);
                }
            }
            element.attr("style", write(map));
        }

        String keptCss = kept.hasRules() ? new CSSWriter(compact).setWriteHeaderText(false).getCSSAsString(kept).strip() : "";
        Set<String> keptClasses = new HashSet<>();
        Matcher m = CLASS_IN_CSS.matcher(keptCss);
        while (m.find()) {
            keptClasses.add(m.group(1));
        }
        for (Element element : doc.select("[class]")) {
            List<String> names = new ArrayList<>();
            for (String name : element.classNames()) {
                if (keptClasses.contains(name)) {
                    names.add(name);
                }
            }
            if (names.isEmpty()) {
                element.removeAttr("class");
            } else {
                element.attr("class", String.join(" ", names));
            }
        }
        if (!keptCss.isEmpty()) {
            doc.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(keptCss));
        }
        return doc.outerHtml();
    }

    /** Later wins unless the earlier was important and the later is not; inline style wins over normal rules. */
    private static void put(Map<String, Decl> map, String property, Decl decl, boolean inlineAttribute) {
        String key = property.toLowerCase(java.util.Locale.ROOT);
        Decl old = map.get(key);
        if (old != null && old.important() && !decl.important() && !inlineAttribute) {
            return;
        }
        if (old != null && old.important() && inlineAttribute && !decl.important()) {
            return; // a stylesheet !important beats a normal inline declaration
        }
        map.put(key, decl);
    }

    private static String write(Map<String, Decl> map) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Decl> e : map.entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(e.getKey()).append(':').append(e.getValue().value());
            if (e.getValue().important()) {
                sb.append(" !important");
            }
        }
        return sb.toString();
    }

    private static CascadingStyleSheet parse(String css) {
        CascadingStyleSheet sheet = CSSReader.readFromString(css, ECSSVersion.CSS30, new ThrowingCSSParseErrorHandler());
        if (sheet == null) {
            throw new IllegalArgumentException("email stylesheet does not parse");
        }
        return sheet;
    }

    private static List<CSSDeclaration> parseDeclarations(String style) {
        if (style.isBlank()) {
            return List.of();
        }
        CSSDeclarationList list = CSSReaderDeclarationList.readFromString(style, ECSSVersion.CSS30,
                new ThrowingCSSParseErrorHandler());
        if (list == null) {
            throw new IllegalArgumentException("style attribute does not parse: " + style);
        }
        return list.getAllDeclarations();
    }

    /**
     * Specificity of a selector without pseudo-classes, packed as ids·10000 + (classes and
     * attributes)·100 + types. Enough for the cascade of hand-written email stylesheets.
     */
    static int specificity(String selector) {
        int ids = 0;
        int classes = 0;
        int types = 0;
        String s = selector.replaceAll("\\[[^\\]]*\\]", " .attr ");
        for (String compound : s.split("[\\s>+~]+")) {
            if (compound.isEmpty()) {
                continue;
            }
            Matcher id = Pattern.compile("#[\\w-]+").matcher(compound);
            while (id.find()) {
                ids++;
            }
            Matcher cls = Pattern.compile("\\.[\\w-]+").matcher(compound);
            while (cls.find()) {
                classes++;
            }
            if (Character.isLetter(compound.charAt(0))) {
                types++;
            }
        }
        return ids * 10000 + classes * 100 + types;
    }
}
