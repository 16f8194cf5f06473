package dev.descent.report;

/**
 * Test-set counts {@code counts[actual][predicted]}, square, one row and column per class. Precision
 * of class k: of the samples predicted k, the share that are k; recall: of the samples that are k, the
 * share predicted k. Both are NaN when their denominator is 0.
 */
record ConfusionMatrix(int[][] counts) {
    public ConfusionMatrix {
        for (int[] row : counts) {
            if (row.length != counts.length) throw new IllegalArgumentException("confusion matrix must be square");
        }
        counts = deepCopy(counts);
    }

    public int classes() {
        return counts.length;
    }

    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Samples that are class k. */
    public int actual(int k) {
        int sum = 0;
        for (int p = 0; p < classes(); p++) sum += counts[k][p];
        return sum;
    }

    /** Samples predicted as class k. */
    public int predicted(int k) {
        int sum = 0;
        for (int[] row : counts) sum += row[k];
        return sum;
    }

    public int total() {
        int sum = 0;
        for (int k = 0; k < classes(); k++) sum += actual(k);
        return sum;
    }

    public int correct() {
        int sum = 0;
        for (int k = 0; k < classes(); k++) sum += counts[k][k];
        return sum;
    }

    public double accuracy() {
        return total() == 0 ? Double.NaN : (double) correct() / total();
    }

    public double precision(int k) {
        int p = predicted(k);
        return p == 0 ? Double.NaN : (double) counts[k][k] / p;
    }

    public double recall(int k) {
        int a = actual(k);
        return a == 0 ? Double.NaN : (double) counts[k][k] / a;
    }

    @Override
    public int[][] counts() {
        return deepCopy(counts);
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] copy = new int[m.length][];
        for (int i = 0; i < m.length; i++) copy[i] = m[i].clone();
        return copy;
    }
}
