package io.medplumlogs.maven;

import io.medplumlogs.contract.ForwarderContract;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Finds the forwarder zip the way Maven finds any artifact (local repository, then the project's remote
 * repositories), at the plugin's own version, so generated output always matches the generator.
 */
final class ForwarderZipResolver {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    ForwarderZipResolver(RepositorySystem system, RepositorySystemSession session,
            List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    Path resolve(String version) throws MojoExecutionException {
        DefaultArtifact zip = new DefaultArtifact(ForwarderContract.GROUP_ID, ForwarderContract.ARTIFACT_ID,
                ForwarderContract.ZIP_CLASSIFIER, ForwarderContract.ZIP_TYPE, version);
        try {
            return system.resolveArtifact(session, new ArtifactRequest(zip, repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("Cannot resolve the forwarder zip " + zip + " from the local or the"
                    + " project's remote repositories: " + e.getMessage() + ". Make sure the repository that"
                    + " serves medplum-logs-maven-plugin " + version + " is reachable (or run without -o).", e);
        }
    }
}
