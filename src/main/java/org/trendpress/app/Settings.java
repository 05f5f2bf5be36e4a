package org.trendpress.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The application's configuration: {@code config/application.properties}, then
 * {@code config/local.properties} (optional, secrets), then environment variables
 * ({@code TRENDPRESS_MAIL_SMTP_HOST} for {@code trendpress.mail.smtp.host}), then explicit
 * overrides. Every key must exist in application.properties, so a typo fails loudly.
 */
public final class Settings {

    private final Properties props;

    private Settings(Properties props) {
        this.props = props;
    }

    /** Loads the configuration from {@code configDir} with the given overrides on top. */
    public static Settings load(Path configDir, Map<String, String> overrides, Map<String, String> env) {
        Properties p = new Properties();
        Path main = configDir.resolve("application.properties");
        if (!Files.isRegularFile(main)) {
            throw new AppException("configuration not found: " + main.toAbsolutePath()
                    + " (run from the repository root, or pass --config <dir>)");
        }
        read(main, p);
        Path local = configDir.resolve("local.properties");
        if (Files.isRegularFile(local)) {
            Properties l = new Properties();
            read(local, l);
            l.forEach((k, v) -> p.setProperty((String) k, (String) v));
        }
        for (String key : p.stringPropertyNames()) {
            String envName = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            String v = env.get(envName);
            if (v != null) {
                p.setProperty(key, v);
            }
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!p.containsKey(o.getKey())) {
                throw new AppException("unknown setting '" + o.getKey() + "' (see config/application.properties)");
            }
            p.setProperty(o.getKey(), o.getValue());
        }
        return new Settings(p);
    }

    private static void read(Path file, Properties into) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            into.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new AppException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public String get(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            throw new AppException("missing setting '" + key + "' in config/application.properties");
        }
        return v.trim();
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new AppException("setting '" + key + "' must be a whole number, not '" + get(key) + "'");
        }
    }

    public long getLong(String key) {
        try {
            return Long.parseLong(get(key));
        } catch (NumberFormatException e) {
            throw new AppException("setting '" + key + "' must be a whole number, not '" + get(key) + "'");
        }
    }

    public boolean getBoolean(String key) {
        String v = get(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new AppException("setting '" + key + "' must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public Path path(String key) {
        return Path.of(get(key));
    }

    /** Every setting, for Camel's property placeholders. */
    public Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(props);
        return copy;
    }

    /** The settings (secrets masked), sorted by key, for `config` output and logs. */
    public Map<String, String> masked() {
        Map<String, String> out = new TreeMap<>();
        for (String k : props.stringPropertyNames()) {
            String lower = k.toLowerCase(Locale.ROOT);
            boolean secret = lower.contains("password") || lower.contains("secret");
            String v = props.getProperty(k);
            out.put(k, secret && !v.isBlank() ? "xxxxxx" : v);
        }
        return out;
    }

    /**
     * The HMAC secret: the configured one, else one generated once and kept in
     * {@code <data-dir>/secret} so tokens in sent emails stay valid across restarts.
     */
    public byte[] secret() {
        String configured = get("trendpress.secret");
        if (!configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = path("trendpress.data-dir").resolve("secret");
        try {
            if (Files.isRegularFile(file)) {
                return HexFormat.of().parseHex(Files.readString(file).trim());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            Files.writeString(file, HexFormat.of().formatHex(fresh));
            return fresh;
        } catch (IOException | IllegalArgumentException e) {
            throw new AppException("cannot read or create the secret in " + file + ": " + e.getMessage());
        }
    }
}
