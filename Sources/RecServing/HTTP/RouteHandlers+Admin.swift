import Foundation
import Hummingbird
import RecTraining

extension RouteHandlers {
    /// `POST /admin/reload` with `Authorization: Bearer TOKEN` and optionally
    /// `{"path": "model file"}`: reads the model file (the given one, or the one being served
    /// again) off the event loop and swaps it in atomically; requests in flight finish on the old
    /// model. On failure the old model stays: 400 for a given path that is not a valid model,
    /// 500 when the current file can no longer be read.
    func reload(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            try authorize(request)
            let body = try ServingRequests.reload(await collectBody(request))
            let store = self.store
            let outcome: Result<ServingModel, ModelFileError> = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: Result { () throws(ModelFileError) in try store.reload(from: body.path) })
                }
            }
            switch outcome {
            case .success(let model):
                return ServingResponses.json("""
                    {"status":"reloaded","model":\(JSONText.quoted(model.source)),"users":\(model.userCount),\
                    "items":\(model.itemCount),"loadSeconds":\(JSONText.number(model.loadSeconds)),"reloads":\(store.reloads)}
                    """)
            case .failure(let error) where body.path != nil:
                throw .badRequest("cannot load the model: \(error); still serving \(store.path)")
            case .failure(let error):
                throw .internalError("reload failed, still serving the previous model: \(error)")
            }
        }
    }

    /// Checks the bearer token of an admin request.
    func authorize(_ request: Request) throws(ServingError) {
        guard let token = options.adminToken else {
            throw .forbidden("admin routes are disabled: start the server with --admin-token")
        }
        guard let header = request.headers[.authorization] else {
            throw .unauthorized("missing 'Authorization: Bearer TOKEN' header")
        }
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), Self.constantTimeEqual(String(header.dropFirst(prefix.count)), token) else {
            throw .forbidden("invalid admin token")
        }
    }

    /// String equality in time independent of where the strings differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0 && x.count == y.count
    }
}
