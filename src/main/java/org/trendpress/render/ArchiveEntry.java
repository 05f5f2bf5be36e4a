package org.trendpress.render;

/**
 * One line of the archive index: a published Issue with its summary and a link to its web page.
 *
 * @param month   the month as yyyy-MM
 * @param title   e.g. "Trends in AI — October 2026"
 * @param summary the one-line summary
 * @param href    link to the web page, absolute or relative to the archive index
 */
public record ArchiveEntry(String month, String title, String summary, String href) {}
