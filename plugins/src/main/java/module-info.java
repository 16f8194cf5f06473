import dev.descent.plugins.cost.CrossEntropyCost;
import dev.descent.plugins.cost.HuberCost;
import dev.descent.plugins.cost.QuadraticCost;
import dev.descent.plugins.cost.SoftmaxCrossEntropyCost;
import dev.descent.plugins.init.ConstantInitializer;
import dev.descent.plugins.init.GaussianInitializer;
import dev.descent.plugins.init.HeNormalInitializer;
import dev.descent.plugins.init.HeUniformInitializer;
import dev.descent.plugins.init.ScaledGaussianInitializer;
import dev.descent.plugins.init.UniformInitializer;
import dev.descent.plugins.init.XavierNormalInitializer;
import dev.descent.plugins.init.XavierUniformInitializer;
import dev.descent.plugins.init.ZerosInitializer;
import dev.descent.plugins.optimizer.AdamOptimizer;
import dev.descent.plugins.optimizer.MomentumOptimizer;
import dev.descent.plugins.optimizer.SgdOptimizer;
import dev.descent.plugins.schedule.ConstantSchedule;
import dev.descent.plugins.schedule.CosineSchedule;
import dev.descent.plugins.schedule.ExponentialSchedule;
import dev.descent.plugins.schedule.InverseTimeSchedule;
import dev.descent.plugins.schedule.MultiStepSchedule;
import dev.descent.plugins.schedule.OneCycleSchedule;
import dev.descent.plugins.schedule.PolynomialSchedule;
import dev.descent.plugins.schedule.ReduceOnPlateauSchedule;
import dev.descent.plugins.schedule.StepSchedule;
import dev.descent.plugins.schedule.WarmupSchedule;
import dev.descent.spi.CostProvider;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ScheduleProvider;

/**
 * descent's built-in plugins: cost functions, initializers, optimizers and learning-rate schedules.
 * Nothing is exported: the engine finds every provider through the {@code provides} clauses below
 * (on the module path) or META-INF/services (on the class path), which list the same classes in the
 * same order, as {@code ModuleDescriptorsTest} checks.
 */
module dev.descent.plugins {
    requires dev.descent.engine;

    provides CostProvider with
            QuadraticCost.Provider,
            CrossEntropyCost.Provider,
            SoftmaxCrossEntropyCost.Provider,
            HuberCost.Provider;

    provides InitializerProvider with
            GaussianInitializer.Provider,
            ScaledGaussianInitializer.Provider,
            UniformInitializer.Provider,
            XavierUniformInitializer.Provider,
            XavierNormalInitializer.Provider,
            HeNormalInitializer.Provider,
            HeUniformInitializer.Provider,
            ScaledGaussianInitializer.LecunProvider,
            ConstantInitializer.Provider,
            ZerosInitializer.Provider;

    provides OptimizerProvider with
            SgdOptimizer.Provider,
            MomentumOptimizer.Provider,
            MomentumOptimizer.NesterovProvider,
            AdamOptimizer.Provider,
            AdamOptimizer.AdamWProvider;

    provides ScheduleProvider with
            ConstantSchedule.Provider,
            StepSchedule.Provider,
            MultiStepSchedule.Provider,
            ExponentialSchedule.Provider,
            InverseTimeSchedule.Provider,
            PolynomialSchedule.Provider,
            CosineSchedule.Provider,
            OneCycleSchedule.Provider,
            ReduceOnPlateauSchedule.Provider,
            WarmupSchedule.Provider;
}
