package io.chorus.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The auth configuration refuses the published example secret unless local development says otherwise. */
class JwtFactoryTest {
    private final Validator validator = Validators.newValidator();

    private static JwtFactory configured(String secret) {
        JwtFactory auth = new JwtFactory();
        auth.setHmacSecret(secret);
        auth.setIssuer("chorus-development");
        auth.setAudience("chorus");
        return auth;
    }

    private Set<String> problems(JwtFactory auth) {
        return validator.validate(auth).stream()
                .map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }

    @Test
    void theExampleSecretIsRefusedWithoutTheDevelopmentFlag() {
        JwtFactory example = configured("change-me-change-me-change-me-change-me");
        assertThat(problems(example))
                .singleElement()
                .asString()
                .contains("example secret")
                .contains("-Ddw.auth.allowExampleSecret=true");
        example.setAllowExampleSecret(true);
        assertThat(problems(example)).isEmpty();
    }

    @Test
    void aSecretOfOnesOwnIsAccepted() {
        assertThat(problems(configured("9f2c4e1a7b3d5f608e9c2a4b6d8f0e1c"))).isEmpty();
    }

    @Test
    void issuerAndAudienceAreRequired() {
        JwtFactory auth = configured("9f2c4e1a7b3d5f608e9c2a4b6d8f0e1c");
        auth.setIssuer(null);
        auth.setAudience(" ");
        assertThat(validator.validate(auth).stream()
                        .map(v -> v.getPropertyPath().toString()))
                .containsExactlyInAnyOrder("issuer", "audience");
    }
}
