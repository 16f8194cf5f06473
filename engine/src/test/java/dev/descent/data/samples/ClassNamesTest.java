package dev.descent.data.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassNamesTest {
    @Test
    void integerNamesSortByValue() {
        assertEquals(List.of("-3", "2", "9", "10", "100"), ClassNames.sorted(Set.of("10", "2", "100", "-3", "9")));
    }

    @Test
    void integerNamesEqualInValueAreTwoClassesInTextOrder() {
        assertEquals(List.of("01", "1", "2"), ClassNames.sorted(Set.of("1", "2", "01")));
    }

    @Test
    void anyOtherNamesSortAsText() {
        assertEquals(List.of("10", "9", "cat"), ClassNames.sorted(Set.of("cat", "9", "10")));
        assertEquals(List.of("1.5", "10", "2"), ClassNames.sorted(Set.of("2", "10", "1.5")),
                "decimals are not integers");
    }

    @Test
    void tellsIntegersFromOtherText() {
        for (String s : List.of("0", "-1", "+7", "123456789012345678901234567890")) {
            assertTrue(ClassNames.isInteger(s), s);
        }
        for (String s : List.of("", "-", "+", "1.0", "1e3", " 1", "x")) assertTrue(!ClassNames.isInteger(s), s);
    }

    @Test
    void namesTheTasksAndListsThemForAnUnknownOne() {
        assertEquals(Task.REGRESSION, Task.of("regression", "task"));
        DescentException e = assertThrows(DescentException.class, () -> Task.of("regresion", "task"));
        assertTrue(e.getMessage().contains("'regresion' at task; available: classification, regression"),
                e.getMessage());
    }
}
