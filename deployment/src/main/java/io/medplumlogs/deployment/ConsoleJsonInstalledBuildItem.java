package io.medplumlogs.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The console writes its final format from here on. Steps whose runtime part logs at start-up consume it, so that
 * their lines are already JSON lines in prod.
 */
public final class ConsoleJsonInstalledBuildItem extends SimpleBuildItem {
}
