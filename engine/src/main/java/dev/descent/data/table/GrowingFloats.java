package dev.descent.data.table;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of {@code width} floats appended one at a time when the row count is not known in advance. Rows
 * go into chunks that are never copied while growing (16 KB at first, each twice the last, up to 4 MB,
 * so a small table costs little); {@link #toArray()} copies them once into the single row-major array
 * the data set keeps, so the peak is twice the data only for that copy.
 */
final class GrowingFloats {
    /** Largest array most JVMs allocate. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final int FIRST_CHUNK_VALUES = 1 << 12;
    private static final int MAX_CHUNK_VALUES = 1 << 20;

    private final int width;
    private final int maxRowsPerChunk;
    private int rowsPerChunk;
    private final List<float[]> full = new ArrayList<>();
    private float[] current;
    private int rowsInCurrent;
    private long rows;

    GrowingFloats(int width) {
        this.width = width;
        this.rowsPerChunk = Math.max(1, FIRST_CHUNK_VALUES / width);
        this.maxRowsPerChunk = Math.max(1, MAX_CHUNK_VALUES / width);
    }

    /**
     * Makes room for one more row and returns the offset of its first value in {@link #current()}; the
     * caller writes its {@code width} values there. Returns -1, adding nothing, when one more row would
     * not fit into one Java array.
     */
    int addRow() {
        if ((rows + 1) * width > MAX_VALUES) return -1;
        if (current == null || rowsInCurrent == rowsPerChunk) {
            if (current != null) {
                full.add(current);
                rowsPerChunk = Math.min(maxRowsPerChunk, 2 * rowsPerChunk);
            }
            current = new float[rowsPerChunk * width];
            rowsInCurrent = 0;
        }
        rows++;
        return rowsInCurrent++ * width;
    }

    /** The chunk the last {@link #addRow()} made room in. */
    float[] current() {
        return current;
    }

    long rows() {
        return rows;
    }

    /** Every row, in order, in one array of {@code rows() * width} values. */
    float[] toArray() {
        float[] all = new float[(int) (rows * width)];
        int at = 0;
        for (float[] chunk : full) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        if (current != null) System.arraycopy(current, 0, all, at, rowsInCurrent * width);
        return all;
    }
}
