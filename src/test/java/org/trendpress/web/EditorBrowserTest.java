package org.trendpress.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.trendpress.app.Application;
import org.trendpress.app.TestConfig;
import org.trendpress.curate.Draft;
import org.trendpress.render.IssueModel;

/**
 * An editor's month in a real browser (Debian's Chromium, headless, through chromedriver): sign
 * in, open the month's draft, select a paper and a news item, write the Why and Key insights,
 * approve; the issue is published and mailed (GreenMail); then correct the published issue and
 * see the correction on the public page, with no mail sent again. Skipped with a message when
 * chromedriver or Chromium is missing on a developer's machine; fails when {@code CI} is set.
 */
class EditorBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    private HttpServer feeds;
    private Application app;
    private String base;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        requireBrowser();
        feeds = TestConfig.demoFeedServer();
        int port = TestConfig.freePort();
        base = "http://127.0.0.1:" + port;
        Map<String, String> o = TestConfig.demoServe(tmp, feeds, port, greenMail.getSmtp().getPort());
        app = new Application(TestConfig.settings(o), Path.of("routes"), Clock.systemUTC());
        app.start(Application.Mode.SERVE);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(tmp.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
        wait = new WebDriverWait(browser, WAIT);
        // the editor's HTTP Basic sign-in, sent with every request of this browser (CDP, as an
        // authenticating proxy or a password manager would)
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("editor:editor-test-password".getBytes(StandardCharsets.UTF_8)))));
    }

    /** Skips on a machine without the browser, unless CI is set: there a missing browser is a failure. */
    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (present) {
            return;
        }
        String message = "Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
        if (System.getenv("CI") != null) {
            fail("CI is set but the browser is missing: " + message);
        }
        Assumptions.abort("skipped: " + message);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (feeds != null) {
            feeds.stop(0);
        }
    }

    @Test
    void anEditorCuratesPublishesAndCorrectsAMonthInABrowser() throws Exception {
        app.producer().requestBody("direct:ingest-poll", (Object) null);
        Draft draft = app.producer().requestBody("direct:curate-open-draft", "2026-10", Draft.class);
        app.subscribers().addConfirmed("ada@example.org");

        // sign in and open the month's draft from the list
        browser.get(base + "/editor");
        wait.until(ExpectedConditions.titleContains("Drafts"));
        click(By.linkText("2026-10"));
        wait.until(ExpectedConditions.titleContains("Draft"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "2026-10"));

        // select the top paper for Research and the top news story for News
        String paperTitle = browser.findElement(By.xpath(
                "//h2[.='Research candidates']/following-sibling::table//tr[1]/td[1]/a")).getText();
        clickAndReload(By.cssSelector("button[name=slot][value=research]"));
        String newsTitle = browser.findElement(By.xpath(
                "//h2[.='News candidates']/following-sibling::table//tr[1]/td[1]/a")).getText();
        clickAndReload(By.cssSelector("button[name=slot][value=news]"));
        List<WebElement> selected = browser.findElements(By.cssSelector("form[action$='/notes']"));
        assertThat(selected).hasSize(2);
        assertThat(browser.findElement(By.xpath("//h2[.='Selected']/..")).getText()).contains(paperTitle, newsTitle);

        // write the Why and the Key insights of the paper
        WebElement notes = browser.findElement(By.xpath("//form[contains(@action,'/notes') and .//textarea[@name='insights']]"));
        notes.findElement(By.name("why")).sendKeys("It trains mixture-of-experts models in four bits without loss spikes.");
        notes.findElement(By.name("insights")).sendKeys("Scaling per expert keeps the loss smooth.");
        clickAndReload(notes.findElement(By.cssSelector("button[type=submit]")));
        WebElement intro = browser.findElement(By.xpath("//form[contains(@action,'/intro')]"));
        intro.findElement(By.name("summary")).sendKeys("Four-bit experts and a new model family.");
        clickAndReload(intro.findElement(By.cssSelector("button[type=submit]")));

        // approve with a publish time a minute ago
        WebElement approve = browser.findElement(By.xpath("//form[contains(@action,'/approve')]"));
        String publishAt = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString();
        browser.executeScript("arguments[0].value = arguments[1];", approve.findElement(By.name("publish_at")), publishAt);
        clickAndReload(approve.findElement(By.cssSelector("button[type=submit]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Approved; publishes at"));
        assertThat(app.drafts().get(draft.id()).state()).isEqualTo("approved");

        // the publish schedule's work: publish and mail the confirmed subscriber
        assertThat(app.producer().requestBody("direct:publish-issue", (Object) null, List.class)).hasSize(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        browser.get(base + "/issues/2026-10/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "It trains mixture-of-experts models in four bits without loss spikes."));

        // correct the published issue: from the list, open the month, rewrite the Why, save
        browser.get(base + "/editor/issues");
        wait.until(ExpectedConditions.titleContains("Published issues"));
        click(By.cssSelector("#issue-2026-10 a[href='/editor/issues/2026-10']"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("correction")));
        WebElement why = browser.findElement(By.id("research-1-why"));
        assertThat(why.getAttribute("value")).isEqualTo("It trains mixture-of-experts models in four bits without loss spikes.");
        why.clear();
        why.sendKeys("Corrected: it trains in four bits <script>alert('x')</script> without loss spikes.");
        clickAndReload(By.id("save-correction"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "No mail was sent."));

        // the public page shows the correction, as text
        click(By.id("public-page"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Corrected: it trains in four bits <script>alert('x')</script> without loss spikes."));
        assertThat(browser.findElements(By.xpath("//script[contains(.,'alert')]"))).isEmpty();
        IssueModel stored = app.publisher().issue("2026-10").orElseThrow().issue();
        assertThat(stored.research().get(0).why())
                .containsExactly("Corrected: it trains in four bits <script>alert('x')</script> without loss spikes.");
        // nobody is mailed the issue again
        assertThat(app.producer().requestBody("direct:publish-issue", (Object) null, List.class)).isEmpty();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Clicks a button that submits a form, then waits until the browser has left the old page. */
    private void clickAndReload(By by) {
        clickAndReload(wait.until(ExpectedConditions.elementToBeClickable(by)));
    }

    private void clickAndReload(WebElement button) {
        WebElement page = browser.findElement(By.tagName("html"));
        button.click();
        wait.until(d -> gone(page));
        wait.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the old page's element is gone: stale, or (chromedriver 156, asked in the middle of
     * the navigation) "Node with given id does not belong to the document", which says the same.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

}
