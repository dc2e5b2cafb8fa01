import Foundation
import RecData
import Testing

@Suite struct DatasetRegistryTests {
    @Test func namesDirectoriesAndFormatsAreTheLocatorsOwn() {
        for dataset in DatasetRegistry.all {
            let known = DatasetLocator.knownDatasets.first { $0.name == dataset.name }
            #expect(known?.directory == dataset.directory && known?.format == dataset.format, "\(dataset.name)")
            #expect(DatasetRegistry.dataset(named: dataset.name.uppercased()) == dataset)
            #expect(DatasetRegistry.dataset(named: dataset.directory) == dataset)
        }
        #expect(DatasetRegistry.dataset(named: "lastfm") == nil)
        #expect(DatasetRegistry.gowalla.url.absoluteString
            == "https://raw.githubusercontent.com/kuandeng/LightGCN/master/Data/gowalla/")
    }

    @Test func pinsAreSHA256HexAndOnlyTheDocumentedFilesLackOne() {
        for dataset in DatasetRegistry.all {
            for file in dataset.files {
                if let pin = file.sha256 {
                    #expect(pin.count == 64 && pin.allSatisfy { "0123456789abcdef".contains($0) }, "\(file.name)")
                }
            }
        }
        let unpinned = DatasetRegistry.all.flatMap { dataset in
            dataset.files.filter { !$0.isPinned }.map { "\(dataset.name)/\($0.name)\($0.isOptional ? "?" : "")" }
        }
        #expect(unpinned == [
            "ml-1m/ratings.dat", "lastfm-hetrec/user_taggedartists-timestamps.dat?",
            "yelp2018/train.txt", "yelp2018/test.txt", "yelp2018/user_list.txt", "yelp2018/item_list.txt",
            "amazon-book/train.txt", "amazon-book/test.txt", "amazon-book/user_list.txt", "amazon-book/item_list.txt",
        ])
        #expect(DatasetRegistry.movieLens100K.files.count == 21)
        #expect(DatasetRegistry.hetRecLastFM.selectedFiles(allowUnverified: false).count == 6)
        #expect(DatasetRegistry.hetRecLastFM.unpinnedRequiredFiles.isEmpty)
    }

    /// Every pin equals the SHA-256 of the verified copy in ../shared/data, where that copy exists.
    @Test func pinsMatchTheSharedOriginals() throws {
        var compared = 0
        for dataset in DatasetRegistry.all {
            for file in dataset.files {
                let path = "../shared/data/\(dataset.directory)/\(file.name)"
                guard let pin = file.sha256, FileManager.default.fileExists(atPath: path) else { continue }
                #expect(try SHA256.hexDigest(ofFileAt: path) == pin, "\(path)")
                compared += 1
            }
        }
        if compared == 0 { print("DatasetRegistryTests: ../shared/data is missing; no pin compared") }
    }
}
