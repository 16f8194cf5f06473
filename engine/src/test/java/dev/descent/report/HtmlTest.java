package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesTheFiveMarkupCharacters() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
                Html.escape("<script>alert(\"x\")</script> & 'y'"));
    }

    @Test
    void leavesOtherTextAlone() {
        assertEquals("plain text, ± ü 日本 #1 a=b", Html.escape("plain text, ± ü 日本 #1 a=b"));
        assertEquals("", Html.escape(""));
    }

    @Test
    void escapesAnAlreadyEscapedEntityAgain() {
        assertEquals("&amp;lt;", Html.escape("&lt;"));
    }
}
