package org.trendpress.render;

/**
 * A template could not be rendered: it is missing, malformed, or an expression in it failed,
 * or the model handed to it was refused. Carries the template name so an operator sees at
 * once which file to open.
 */
public final class RenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String template;

    RenderException(String template, String message, Throwable cause) {
        super("render.failed template=" + template + ": " + message, cause);
        this.template = template;
    }

    RenderException(String template, String message) {
        this(template, message, null);
    }

    /** @return the template name relative to {@code templates/}, e.g. {@code issue/web.html} */
    public String template() {
        return template;
    }
}
