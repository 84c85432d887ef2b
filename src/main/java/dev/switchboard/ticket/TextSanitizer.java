package dev.switchboard.ticket;

/**
 * Cleans text at the boundary. NUL bytes and control characters (C0 except tab, line feed and
 * carriage return; DEL; C1) break terminals, logs and some databases (PostgreSQL refuses NUL in text),
 * so they are removed. A subject is one line: its line breaks and tabs become spaces.
 */
public final class TextSanitizer {

    private TextSanitizer() {
    }

    public static String body(String text) {
        return strip(text, false);
    }

    public static String singleLine(String text) {
        return strip(text, true).strip();
    }

    private static String strip(String text, boolean singleLine) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean whitespaceControl = c == '\t' || c == '\n' || c == '\r';
            boolean control = Character.isISOControl(c) && !whitespaceControl;
            if (control || (singleLine && whitespaceControl)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                if (!control) {
                    out.append(' ');
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
