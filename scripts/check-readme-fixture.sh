#!/usr/bin/env bash
# Follows the README's "Using it in your own project's tests" as a new user would, outside this repository: installs
# the emulator into a throw-away local Maven repository (yours is left alone), writes the README's pom.xml and
# DeviceTest.java into a new project and runs `mvn test` there. Needs what a new project needs: Maven may download
# the plugins and dependencies the new project uses. Not part of `mvn -B verify` (ReadmeFixtureSnippetTest compiles
# and runs the same test inside the build); run it after changing that README section or the emulator's pom.
#   scripts/check-readme-fixture.sh [work directory, default: a new temporary one]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/iot-emulator-readme-fixture.XXXXXX)}"
mkdir -p "$work/project/src/test/java"
# The throw-away repository reads what your own one already has before going to the network.
cat > "$work/settings.xml" <<XML
<settings>
  <localRepository>$work/repository</localRepository>
  <profiles><profile><id>yours</id>
    <repositories><repository><id>yours</id><url>file://$HOME/.m2/repository</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>yours</id><url>file://$HOME/.m2/repository</url></pluginRepository></pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>yours</activeProfile></activeProfiles>
</settings>
XML
echo "check-readme-fixture: installing the emulator into $work/repository" >&2
(cd "$root" && mvn -B -q -s "$work/settings.xml" -pl emulator -am install -DskipTests)
python3 - "$root/README.md" "$work/project" <<'PY'
import sys
readme, project = sys.argv[1], sys.argv[2]
text = open(readme, encoding="utf-8").read()
start = text.index("## Using it in your own project's tests")
end = text.find("\n## ", start + 5)
section = text[start:end if end >= 0 else len(text)]
def block(language):
    begin = section.index("```" + language + "\n") + len(language) + 4
    return section[begin:section.index("```", begin)]
open(project + "/pom.xml", "w", encoding="utf-8").write(block("xml"))
open(project + "/src/test/java/DeviceTest.java", "w", encoding="utf-8").write(block("java"))
PY
echo "check-readme-fixture: mvn test in $work/project" >&2
cd "$work/project"
mvn -B -s "$work/settings.xml" test 2>&1 | grep -E 'Tests run:|BUILD|ERROR|event=started'
