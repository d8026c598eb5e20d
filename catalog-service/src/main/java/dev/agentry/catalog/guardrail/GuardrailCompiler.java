package dev.agentry.catalog.guardrail;

import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Guardrail conditions in the Common Expression Language ({@code dev.cel:cel}): no side effects,
 * no loops beyond bounded comprehensions, linear-time regular expressions (RE2). Compiled and
 * type-checked against the documented input, which must yield a bool:
 * <ul>
 * <li>{@code message} (string), {@code direction} ({@code "input"} or {@code "output"}),
 * {@code channel} (string, empty when not given);</li>
 * <li>{@code session_variables}, {@code profile_fields}: {@code map(string, dyn)};</li>
 * <li>{@code matches}: {@code map(string, bool)}, each built-in detector and each keyword list the
 * expression names ({@code matches.email}, {@code matches['competitors']}).</li>
 * </ul>
 * Compiled programs are immutable and safe to evaluate concurrently.
 */
@ApplicationScoped
public class GuardrailCompiler {

    static final String FIELD = "condition_expression";
    static final int MAX_EXPRESSION = 4000;
    /** Most iterations of one comprehension (all(), exists(), map(), filter()). */
    static final int MAX_ITERATIONS = 1000;

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    public GuardrailCompiler() {
        CelOptions options = CelOptions.current().maxExpressionCodePointSize(MAX_EXPRESSION)
                .comprehensionMaxIterations(MAX_ITERATIONS).build();
        compiler = CelCompilerFactory.standardCelCompilerBuilder().setOptions(options)
                .addVar("message", SimpleType.STRING)
                .addVar("direction", SimpleType.STRING)
                .addVar("channel", SimpleType.STRING)
                .addVar("session_variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar("profile_fields", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar("matches", MapType.create(SimpleType.STRING, SimpleType.BOOL))
                .setResultType(SimpleType.BOOL)
                .build();
        runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
    }

    /** A checked, runnable condition and the detector names it reads from {@code matches}. */
    record Compiled(CelRuntime.Program program, Set<String> detectors) {

        boolean eval(Map<String, Object> input) throws CelEvaluationException {
            return Boolean.TRUE.equals(program.eval(input));
        }
    }

    /** Compiles and type-checks; a bad expression is a 400 whose field errors give line and column (1-based). */
    Compiled compile(String expression) {
        CelValidationResult result = compiler.compile(expression);
        if (result.hasError()) {
            List<FieldError> errors = new ArrayList<>();
            for (CelIssue issue : result.getErrors()) {
                var at = issue.getSourceLocation();
                errors.add(new FieldError(FIELD, "line " + at.getLine() + ", column " + (at.getColumn() + 1) + ": " + issue.getMessage()));
            }
            throw new ValidationException(errors);
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Compiled(runtime.createProgram(ast), detectors(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new ValidationException(FIELD, e.getMessage());
        }
    }

    /**
     * The names the expression reads from {@code matches}: {@code matches.x}, {@code has(matches.x)},
     * {@code matches['x']} and {@code 'x' in matches} with a literal name.
     */
    static Set<String> detectors(CelAbstractSyntaxTree ast) {
        Set<String> names = new TreeSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr e = node.expr();
            switch (e.getKind()) {
                case SELECT -> {
                    if (isMatches(e.select().operand())) {
                        names.add(e.select().field());
                    }
                }
                case CALL -> {
                    var call = e.call();
                    if (call.args().size() == 2) {
                        if ("_[_]".equals(call.function()) && isMatches(call.args().get(0))) {
                            literal(call.args().get(1), names);
                        } else if ("@in".equals(call.function()) && isMatches(call.args().get(1))) {
                            literal(call.args().get(0), names);
                        }
                    }
                }
                default -> {
                }
            }
        });
        return names;
    }

    private static boolean isMatches(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT && "matches".equals(e.ident().name());
    }

    private static void literal(CelExpr e, Set<String> names) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT && e.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            names.add(e.constant().stringValue());
        }
    }
}
