package org.trendpress.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.apache.camel.main.Main;
import org.trendpress.app.Settings;
import org.trendpress.audience.Subscribers;
import org.trendpress.curate.Drafts;
import org.trendpress.dispatch.MailSender;
import org.trendpress.dispatch.MailSettings;
import org.trendpress.ingest.SourceStore;
import org.trendpress.ingest.Submissions;
import org.trendpress.publish.Publisher;
import org.trendpress.render.Renderer;

/** The web capability's beans, bound under the names the {@code routes/web-*.camel.yaml} files use. */
public final class WebModule {

    private final EditorPages editor;
    private final PublicPages pages;
    private final String editorPassword;

    public WebModule(Settings settings, Drafts drafts, SourceStore sources, Submissions submissions, Publisher publisher, Subscribers subscribers, Renderer renderer,
            MailSender mailSender, MailSettings mail, byte[] secret, Clock clock) {
        String password = settings.get("trendpress.editor.password");
        if (password.isBlank()) {
            byte[] b = new byte[12];
            new SecureRandom().nextBytes(b);
            password = HexFormat.of().formatHex(b);
        }
        this.editorPassword = password;
        this.editor = new EditorPages(drafts, sources, submissions, publisher, renderer, settings.get("trendpress.editor.user"), password,
                secret, settings.get("trendpress.base-url"), clock);
        this.pages = new PublicPages(publisher.settings().archiveDir(), subscribers, renderer, mailSender, mail,
                settings.get("trendpress.base-url"), settings.get("trendpress.newsletter.name"));
    }

    /** The editor password in force (generated when none is configured), for `serve` to print once. */
    public String editorPassword() {
        return editorPassword;
    }

    public void bindTo(Main main) {
        main.bind("webHeaders", new WebHeaderFilter());
        main.bind("webEditor", new HttpBridge(editor::handle, editor::authenticated));
        main.bind("webHome", new HttpBridge(pages::home));
        main.bind("webArchive", new HttpBridge(pages::archive));
        main.bind("webSubscribe", new HttpBridge(pages::subscribe));
        main.bind("webConfirm", new HttpBridge(pages::confirm));
        main.bind("webUnsubscribe", new HttpBridge(pages::unsubscribe));
    }
}
