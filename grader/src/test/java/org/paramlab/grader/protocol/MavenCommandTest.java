package org.paramlab.grader.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.MavenCommand;

class MavenCommandTest {

    @Test
    void hintsNameTheWrapperOfTheOperatingSystem() {
        assertThat(MavenCommand.wrapperFor("Linux")).isEqualTo("./mvnw");
        assertThat(MavenCommand.wrapperFor("Mac OS X")).isEqualTo("./mvnw");
        assertThat(MavenCommand.wrapperFor("Windows 11")).isEqualTo("mvnw.cmd");
        assertThat(MavenCommand.of("test -Dexercise=1.2")).isEqualTo(MavenCommand.MVN + " test -Dexercise=1.2");
    }
}
