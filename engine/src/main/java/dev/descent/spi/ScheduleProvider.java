package dev.descent.spi;

/** ServiceLoader service for learning-rate schedules ({@code training.learning-rate.name}). */
public interface ScheduleProvider extends PluginProvider<LearningRateSchedule> {
}
