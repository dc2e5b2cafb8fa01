import Dispatch
import Hummingbird

/// Times every request and records its route and status in ``ServerMetrics``, including
/// requests that end in an error thrown by Hummingbird itself (for example 404 for an
/// unknown path).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The route name `path` is counted under: the server's fixed routes by name, any other
    /// path as `other` (a switch, not a set built per request).
    static func route(of path: String) -> String {
        switch path {
        case "/recommend", "/similar", "/health", "/metrics", "/admin/reload": path
        default: "other"
        }
    }

    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let path = request.uri.path
        let route = Self.route(of: path)
        let method = request.method.rawValue
        func record(_ status: Int) {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            metrics.record(route: route, method: method, status: status, seconds: seconds)
        }
        do {
            let response = try await next(request, context)
            record(response.status.code)
            return response
        } catch {
            record((error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }
}
