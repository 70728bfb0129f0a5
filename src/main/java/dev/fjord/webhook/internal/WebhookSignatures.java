package dev.fjord.webhook.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.fjord.shared.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Lago's {@code X-Lago-Signature}: a JWT (RS256, claims {@code data} = the body text and {@code iss} = the API URL)
 * or Base64(HMAC-SHA256(organization's key, body text)).
 */
@Component
class WebhookSignatures {
    private final SigningKeys keys;
    private final WebhookSettings settings;

    WebhookSignatures(SigningKeys keys, WebhookSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    String sign(String algo, OrganizationId organization, String payload) {
        return "hmac".equals(algo) ? hmac(keys.hmacKey(organization), payload) : jwt(payload);
    }

    private String jwt(String payload) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("data", payload).issuer(settings.issuer()).build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            token.sign(new RSASSASigner(keys.rsa().getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a webhook", e);
        }
        return token.serialize();
    }

    static String hmac(String key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
