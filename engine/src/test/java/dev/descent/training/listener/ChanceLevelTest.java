package dev.descent.training.listener;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where guessing ends, and on how many test images the line can be drawn at all. */
class ChanceLevelTest {
    @Test
    void tenClassesOnTheMnistTestSet() {
        assertTrue(ChanceLevelWarning.atChance(0.0980, 10, 10_000));
        assertTrue(ChanceLevelWarning.atChance(0.1135, 10, 10_000), "always the most frequent digit");
        assertFalse(ChanceLevelWarning.atChance(0.16, 10, 10_000));
        assertFalse(ChanceLevelWarning.atChance(0.7962, 10, 10_000));
    }

    @Test
    void twoClassesNeedMoreThanHalfAndAHair() {
        assertTrue(ChanceLevelWarning.atChance(0.52, 2, 10_000));
        assertFalse(ChanceLevelWarning.atChance(0.6, 2, 10_000));
    }

    @Test
    void aHandfulOfTestImagesSaysNothing() {
        assertFalse(ChanceLevelWarning.atChance(0.05, 10, 20));
        assertFalse(ChanceLevelWarning.atChance(0.1, 10, 500));
        assertTrue(ChanceLevelWarning.atChance(0.1, 10, 600));
    }
}
