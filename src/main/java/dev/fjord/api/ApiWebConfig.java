package dev.fjord.api;

import dev.fjord.shared.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Wires the API conventions: request guard (size, encoding) on every request, API-key auth on /api/*, and the argument resolvers. */
@Configuration
class ApiWebConfig implements WebMvcConfigurer {

    @Bean
    FilterRegistrationBean<RequestGuardFilter> requestGuardFilter(JsonMapper json) {
        FilterRegistrationBean<RequestGuardFilter> registration =
                new FilterRegistrationBean<>(new RequestGuardFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ObjectProvider<ApiKeyResolver> resolver, JsonMapper json) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(resolver, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Tomcat's own error pages (for requests rejected before Spring sees them) in Lago's JSON envelope. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonContainerErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentOrganizationResolver());
        resolvers.add(new PageRequestResolver());
    }

    private static final class CurrentOrganizationResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.hasParameterAnnotation(CurrentOrganization.class)
                    && parameter.getParameterType() == OrganizationId.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                WebDataBinderFactory binders) {
            Object organization = request.getNativeRequest(HttpServletRequest.class)
                    .getAttribute(ApiKeyFilter.ORGANIZATION_ATTRIBUTE);
            if (organization == null) {
                throw new IllegalStateException("@CurrentOrganization used outside /api/");
            }
            return organization;
        }
    }

    private static final class PageRequestResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == PageRequest.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                WebDataBinderFactory binders) {
            return PageRequest.parse(request.getParameter("page"), request.getParameter("per_page"));
        }
    }
}
