package dev.descent.kernel;

/**
 * The nonzero entries of the first m rows of a matrix a[m x k], as {@link Kernels#nonzeroRows} and
 * {@link Kernels#nonzeroColumns} list them for the kernels that skip zero inputs ({@link Kernels#gemmSparse},
 * {@link Kernels#gemmTransAStepSparse}).
 * A network's input is such a matrix: 81% of MNIST's pixels and half of Fashion-MNIST's are 0.
 * Allocated once per workspace; the kernels overwrite it for every batch.
 *
 * <p>Layout. Row i's list starts at {@code i * k} in {@link #columns} and {@link #values}: its nonzero
 * columns p in ascending order with their values a[i][p], then padding entries (column k, value -0f)
 * up to {@link #length}(i), the longest list among the {@value #GROUP} rows of its group (rows
 * {@code [g * GROUP, g * GROUP + GROUP)}). A padding entry adds -0 * 0 = -0 to its sum, which leaves
 * every float as it is (-0 included), so rows of a group can be summed in lock step without a branch;
 * it reads row k of the weights, which the caller keeps at +0 (see {@link #PADDING_ROW}).
 * {@link #union} lists, ascending, the columns that are nonzero in at least one of the m rows.
 */
public final class SparseRows {
    /** Rows padded to the same length, so that a kernel can keep this many sums in flight. */
    public static final int GROUP = 4;

    /**
     * The kernels that read this read row k of their k x n weights: a matrix handed to them must have
     * one more row of n zeros after its k rows ({@code b[k * n .. k * n + n)} all +0).
     */
    public static final int PADDING_ROW = 1;

    private final int capacity;
    private final int k;
    private final int[] columns;
    private final float[] values;
    private final int[] lengths;
    private final int[] union;
    private int unionLength;

    /** Room for up to {@code capacity} rows of {@code k} columns. */
    public SparseRows(int capacity, int k) {
        this.capacity = capacity;
        this.k = k;
        // A vector store of a compressed block may write a vector's width past a list's end.
        columns = new int[capacity * k + Kernels.SLACK];
        values = new float[capacity * k + Kernels.SLACK];
        lengths = new int[capacity];
        union = new int[k + Kernels.SLACK];
    }

    public int capacity() {
        return capacity;
    }

    /** Columns of the matrix whose rows this lists. */
    public int columnCount() {
        return k;
    }

    /** Column indices, row i's list at {@code [i * k, i * k + length(i))}: the live array. */
    public int[] columns() {
        return columns;
    }

    /** The values a[i][p] beside {@link #columns}, -0f for padding: the live array. */
    public float[] values() {
        return values;
    }

    /** Entries in row i's list, padding included: the same for every row of a group. */
    public int length(int row) {
        return lengths[row];
    }

    /** The per-row lengths: the live array, written by {@link Kernels#nonzeroRows}. */
    public int[] lengths() {
        return lengths;
    }

    /** The columns nonzero in some row, ascending, {@link #unionLength} of them: the live array. */
    public int[] union() {
        return union;
    }

    public int unionLength() {
        return unionLength;
    }

    /** Set by {@link Kernels#nonzeroColumns}. */
    public void setUnionLength(int value) {
        unionLength = value;
    }

    /**
     * Pads rows {@code [from, to)} (one group, or the last, shorter one) to the longest of them, given
     * each row's count of nonzero entries in {@link #lengths}. Shared by every implementation of
     * {@link Kernels#nonzeroRows}, so the padding is the same whichever built the lists.
     */
    public void padGroup(int from, int to) {
        int longest = 0;
        for (int i = from; i < to; i++) longest = Math.max(longest, lengths[i]);
        for (int i = from; i < to; i++) {
            for (int t = i * k + lengths[i]; t < i * k + longest; t++) {
                columns[t] = k;
                values[t] = -0f;
            }
            lengths[i] = longest;
        }
    }
}
