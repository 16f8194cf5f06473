/**
 * The built-in plugins, registered in META-INF/services exactly as a user's plugin jar registers its
 * own: the engine finds both the same way.
 */
package dev.descent.plugins;
