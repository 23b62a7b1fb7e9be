# Sourced by the bench scripts: Maven arguments, honouring MAVEN_REPO_LOCAL (a private local repository into which
# the product was installed, so that benchmarks never need an install into the shared ~/.m2).
MVN_ARGS=(-B -ntp -q)
MAVEN_REPO_LOCAL="${MAVEN_REPO_LOCAL:-${REPO:-}}"   # REPO: the older name, still honoured
if [ -n "${MAVEN_REPO_LOCAL:-}" ]; then
  MVN_ARGS+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
fi
